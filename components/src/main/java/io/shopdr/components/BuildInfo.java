package io.shopdr.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of the components was built as ({@code io/shopdr/components/build.properties}, filtered by
 * Maven): the project version and the controller image the same build publishes, so defaults never carry a
 * version literal that drifts from the pom.
 */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {}

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPERTIES.getProperty("version");
    }

    /** The controller image this build publishes, e.g. {@code ghcr.io/shopdr/shopdr-controller:0.1.0-SNAPSHOT}. */
    public static String controllerImage() {
        return PROPERTIES.getProperty("controllerImage");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/shopdr/components/build.properties is missing from the classpath: "
                        + "build the components with Maven (it fills in the version)");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (p.getProperty("version", "").contains("${")) {
            throw new IllegalStateException("build.properties was not filtered by Maven: " + p);
        }
        return p;
    }
}
