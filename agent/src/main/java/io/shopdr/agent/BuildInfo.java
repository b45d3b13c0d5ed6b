package io.shopdr.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of the agent was built as ({@code io/shopdr/agent/build.properties}, filtered by Maven), so
 * {@code shopdr --version}, the Linode client's User-Agent and {@code shopdr_build_info} never carry a version
 * literal that drifts from the pom.
 */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {}

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/shopdr/agent/build.properties is missing from the classpath: "
                        + "build the agent with Maven (it fills in the version)");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version", "");
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException("io/shopdr/agent/build.properties was not filtered by Maven: " + p);
        }
        return version;
    }
}
