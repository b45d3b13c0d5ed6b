package io.shopdr.agent.replication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One admin JDBC session to one server, with its dialect; turns every SQL failure into a {@link ReplicationException}
 * naming the server, the step and the fix, with passwords removed from any server message.
 */
final class ServerConnection implements AutoCloseable {
    private final Endpoint endpoint;
    private final String role;
    private final Connection connection;
    private final Dialect dialect;
    private final List<String> secrets;

    private ServerConnection(Endpoint endpoint, String role, Connection connection, Dialect dialect, List<String> secrets) {
        this.endpoint = endpoint;
        this.role = role;
        this.connection = connection;
        this.dialect = dialect;
        this.secrets = secrets;
    }

    /**
     * How the engine reaches servers: credentials, TLS trust store and timeouts; {@code secrets} are redacted from
     * messages. {@code readTimeout} bounds every read on the connection (the handshake included: a frozen server
     * completes the TCP connect in its kernel and then never answers).
     */
    record Access(Credentials admin, ConnectionSecurity security, Duration connectTimeout, Duration readTimeout,
                  List<String> secrets) {
        /** Long operations (waits for replicas to catch up): reads may take max(30 s, 6 × the connect timeout). */
        Access(Credentials admin, ConnectionSecurity security, Duration connectTimeout, List<String> secrets) {
            this(admin, security, connectTimeout, Duration.ofMillis(Math.max(30_000, connectTimeout.toMillis() * 6)), secrets);
        }

        @Override
        public String toString() {
            return "Access[" + admin + ", " + security + ", connect timeout " + connectTimeout + ", read timeout "
                    + readTimeout + ", secrets hidden]";
        }
    }

    static ServerConnection open(Endpoint endpoint, String role, Access access) {
        Properties props = new Properties();
        props.setProperty("user", access.admin().user());
        props.setProperty("password", access.admin().password());
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, access.connectTimeout().toMillis())));
        props.setProperty("socketTimeout", String.valueOf(Math.max(1, access.readTimeout().toMillis())));
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("connectionTimeZone", "SERVER");
        access.security().apply(props);
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:mysql://" + jdbcHost(endpoint) + ":" + endpoint.port() + "/", props);
        } catch (SQLException e) {
            throw connectFailure(endpoint, role, access, e);
        }
        try {
            String version;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
                rs.next();
                version = rs.getString(1);
            }
            Dialect d;
            try {
                d = Dialect.forVersion(version);
            } catch (IllegalArgumentException e) {
                throw new ReplicationException(endpoint, role + " " + endpoint + " runs " + e.getMessage()
                        + "; shopdr supports MariaDB 10.11+ and MySQL 8.4");
            }
            return new ServerConnection(endpoint, role, c, d, access.secrets());
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ReplicationException(endpoint, "cannot read the server version of " + role + " " + endpoint + ": "
                    + redact(e.getMessage(), access.secrets()));
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static String jdbcHost(Endpoint e) {
        return e.host().contains(":") ? "[" + e.host() + "]" : e.host();
    }

    private static ReplicationException connectFailure(Endpoint endpoint, String role, Access access, SQLException e) {
        String msg = redact(rootMessage(e), access.secrets());
        if (e.getErrorCode() == 1045) {
            return new ReplicationException(endpoint, role + " " + endpoint + " refused admin user '" + access.admin().user()
                    + "' (wrong user or password): check --admin-user / the admin password (SHOPDR_DB_ADMIN_PASSWORD)");
        }
        if (e.getErrorCode() == 1130) {
            return new ReplicationException(endpoint, role + " " + endpoint + " does not allow admin user '" + access.admin().user()
                    + "' from this machine (" + msg + "): create the admin user for this client's address");
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || msg.contains("Communications link failure")) {
            String tlsHint = access.security().tls() && msg.toLowerCase(java.util.Locale.ROOT).contains("certificat")
                    ? " The server certificate did not verify against the given CA: check --ca." : "";
            return new ReplicationException(endpoint, "cannot reach " + role + " " + endpoint + ": " + msg
                    + ". Check that the server runs, the host and port are right and a firewall allows this machine." + tlsHint);
        }
        return new ReplicationException(endpoint, "cannot connect to " + role + " " + endpoint + ": " + msg);
    }

    private static String rootMessage(Throwable t) {
        String m = t.getMessage();
        Throwable c = t.getCause();
        while (c != null) {
            if (c.getMessage() != null && !c.getMessage().isBlank()
                    && (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException
                    || c instanceof javax.net.ssl.SSLException || c instanceof java.security.cert.CertificateException
                    || c instanceof java.net.SocketTimeoutException)) {
                m = firstLine(m) + " (" + c.getClass().getSimpleName() + ": " + firstLine(c.getMessage()) + ")";
            }
            c = c.getCause();
        }
        return firstLine(m == null ? t.toString() : m);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    static String redact(String message, List<String> secrets) {
        if (message == null) return "";
        String m = message;
        for (String s : secrets) {
            if (s == null || s.isEmpty()) continue;
            // a very short secret would mangle ordinary words; it can only be recognised when quoted
            m = s.length() >= 4 ? m.replace(s, "****") : m.replace("'" + s + "'", "'****'");
        }
        return m;
    }

    Endpoint endpoint() { return endpoint; }
    String role() { return role; }
    Dialect dialect() { return dialect; }

    /** Executes statements in order; {@code step} describes them for the error message. */
    void execute(String step, String... sql) {
        execute(step, List.of(sql));
    }

    void execute(String step, List<String> sql) {
        try (Statement st = connection.createStatement()) {
            for (String s : sql) {
                try {
                    st.execute(s);
                } catch (SQLException e) {
                    // INSTALL PLUGIN of an already installed plugin (MySQL) is fine.
                    if (s.startsWith("INSTALL PLUGIN") && (e.getErrorCode() == 1125 || e.getErrorCode() == 1968)) continue;
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw failure(step, e);
        }
    }

    /** Runs statements with binary logging off for this session, so nothing reaches other servers or GTID history. */
    void executeUnlogged(String step, List<String> sql) {
        List<String> all = new ArrayList<>();
        all.add("SET SESSION sql_log_bin=0");
        all.addAll(sql);
        try {
            execute(step, all);
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("SET SESSION sql_log_bin=1");
            } catch (SQLException ignored) {
                // the session is closed after the operation anyway
            }
        }
    }

    /**
     * Runs the engine's own maintenance statements (optionally unlogged) on a server that may be super_read_only
     * (MySQL replicas): opens an admin-only write window around them and closes it again.
     */
    void executeMaintenance(String step, List<String> sql, boolean unlogged) {
        String q = dialect.superReadOnlyQuery();
        boolean window = q != null && flag("reading super_read_only", q);
        if (window) execute(step, dialect.adminWriteWindow(true));
        try {
            if (unlogged) executeUnlogged(step, sql);
            else execute(step, sql);
        } finally {
            if (window) execute("restoring super_read_only", dialect.adminWriteWindow(false));
        }
    }

    String string(String step, String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw failure(step, e);
        }
    }

    boolean flag(String step, String sql) {
        String v = string(step, sql);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("ON") || v.equalsIgnoreCase("true"));
    }

    List<Map<String, String>> rows(String step, String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Map<String, String>> rows = new ArrayList<>();
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= cols; i++) row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failure(step, e);
        }
    }

    /** The SHOW SLAVE/REPLICA STATUS row, or null when no replication source is configured. */
    Map<String, String> replicaRow() {
        List<Map<String, String>> rows = rows("reading replica status", dialect.showReplicaStatus());
        return rows.isEmpty() ? null : rows.get(0);
    }

    String executedGtid() {
        String v = string("reading the executed GTID position", dialect.gtidExecutedQuery());
        return v == null ? "" : v.replaceAll("\\s+", "");
    }

    String gtidHistory() {
        String v = string("reading the GTID history", dialect.gtidHistoryQuery());
        return v == null ? "" : v.replaceAll("\\s+", "");
    }

    /**
     * Waits up to {@code timeout} for the server to execute {@code gtid}; true when it did. The session's read bound
     * is lengthened for the wait only: afterwards the next statement is bound by the read timeout again (a server
     * that stops answering after the wait must fail it then, not after the wait's whole timeout).
     */
    boolean waitForGtid(String gtid, Duration timeout) {
        if (gtid == null || gtid.isBlank()) return true;
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Integer bound = null;
        try {
            bound = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, seconds * 1000L + 30_000));
        } catch (SQLException ignored) {
            // keep the connection's default timeout
        }
        try {
            return "0".equals(string("waiting for GTID " + gtid, dialect.waitForGtid(gtid, seconds)));
        } finally {
            if (bound != null) {
                try {
                    connection.setNetworkTimeout(Runnable::run, bound);
                } catch (SQLException ignored) {
                    // a closed session: nothing more is read on it
                }
            }
        }
    }

    ReplicationException failure(String step, SQLException e) {
        String msg = redact(rootMessage(e), secrets);
        String fix;
        switch (e.getErrorCode()) {
            case 1227, 1044, 1142, 1045, 1410 -> fix = ": the admin user lacks a privilege there; grant it ALL PRIVILEGES ON *.* WITH GRANT OPTION"
                    + " (at least SUPER or REPLICATION SLAVE ADMIN, CREATE USER, RELOAD, BINLOG ADMIN) and re-run";
            default -> {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                fix = state.startsWith("08")
                        ? ": the connection was lost; check that the server runs and re-run (the operation converges when repeated)"
                        : "; fix the cause and re-run (the operation converges when repeated)";
            }
        }
        return new ReplicationException(endpoint, step + " failed on " + role + " " + endpoint + ": " + msg + fix);
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
