package io.shopdr.components.database;

import io.shopdr.sim.mariadb.MariaDbCluster;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered MariaDB server config and bootstrap SQL on real MariaDB servers (the agent's fixture): the
 * server accepts every setting, the bootstrap leaves no GTID behind, the hashed passwords authenticate, TLS
 * verifies against the deployment's CA, read-only holds for the app user, and a replica set up with the
 * bootstrapped replication user replicates over TLS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseBootstrapOnMariaDbTest {
    static final String ADMIN_PW = "adm'in\\pw-42";
    static final String REPL_PW = "repl-pw-42";
    static final String APP_PW = "app-pw-42";
    /** Lines that differ per node and are set by the fixture (or per node below). */
    static final List<String> PER_NODE = List.of("server_id", "port", "bind_address", "read_only", "super_read_only");

    static MariaDbCluster cluster;
    static Path tlsDir;
    static DatabaseCertificates tls;

    static DatabaseServerSpec spec(String region, boolean primary) {
        return new DatabaseServerSpec(DatabaseEngine.MARIADB_10_11, region, primary, 3306, "shop", "shopdr_admin",
                ADMIN_PW, "shopdr_repl", REPL_PW, "shop", APP_PW, tls.caCertificatePem(), tls.server(region));
    }

    @BeforeAll
    static void start() throws Exception {
        tls = DatabaseCertificates.derive("bootstrap-test-seed", "db", List.of("us-east", "eu-west"));
        tlsDir = Files.createTempDirectory("shopdr-db-tls-");
        Files.writeString(tlsDir.resolve("ca.pem"), tls.caCertificatePem());
        Files.writeString(tlsDir.resolve("server-cert.pem"), tls.server("us-east").certificatePem());
        Files.writeString(tlsDir.resolve("server-key.pem"), tls.server("us-east").privateKeyPem());
        List<String> shared = new ArrayList<>();
        for (String line : DatabaseCloudInit.serverConfig(spec("us-east", true)).split("\n")) {
            if (line.startsWith("#") || line.startsWith("[") || line.isBlank()
                    || PER_NODE.contains(line.split("=")[0].trim())) {
                continue;
            }
            shared.add(line.replace(DatabaseCloudInit.TLS_DIR, tlsDir.toString()));
        }
        cluster = MariaDbCluster.start(2, shared);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (tlsDir != null) {
            try (var files = Files.list(tlsDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(tlsDir);
        }
    }

    static MariaDbCluster.Node primary() {
        return cluster.node(0);
    }

    static MariaDbCluster.Node replica() {
        return cluster.node(1);
    }

    /** Runs the rendered SQL one statement per line on one session, as {@code mysql < bootstrap.sql} does. */
    static void bootstrap(MariaDbCluster.Node node, DatabaseServerSpec spec) throws SQLException {
        try (Connection c = node.connect(); Statement st = c.createStatement()) {
            for (String stmt : DatabaseCloudInit.bootstrapSql(spec).split("\n")) {
                st.execute(stmt);
            }
        }
    }

    static Connection connectTls(MariaDbCluster.Node node, String user, String password, String caPem) throws Exception {
        Path trust = Files.createTempFile("shopdr-trust-", ".p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        try (OutputStream out = Files.newOutputStream(trust)) {
            ks.store(out, "changeit".toCharArray());
        }
        try {
            return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + node.port() + "/shop?sslMode=VERIFY_CA"
                    + "&trustCertificateKeyStoreUrl=" + trust.toUri() + "&trustCertificateKeyStoreType=PKCS12"
                    + "&trustCertificateKeyStorePassword=changeit&connectTimeout=5000", user, password);
        } finally {
            Files.deleteIfExists(trust);
        }
    }

    static Connection connectPlain(MariaDbCluster.Node node, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + node.port()
                + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000", user, password);
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    @Order(1)
    void bootstrapLeavesNoGtidOnEitherServer() throws Exception {
        replica().execute("SET GLOBAL read_only = ON");
        bootstrap(primary(), spec("us-east", true));
        bootstrap(replica(), spec("eu-west", false));
        for (MariaDbCluster.Node n : cluster.nodes()) {
            assertEquals("", n.queryString("SELECT @@gtid_binlog_pos"), "bootstrap wrote to the binlog");
            assertEquals("", n.queryString("SELECT @@gtid_current_pos"));
            assertEquals("shop", n.queryString("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='shop'"));
        }
        assertEquals("1", replica().queryString("SELECT @@read_only"), "the replica is read-only again after bootstrap");
        assertEquals("0", primary().queryString("SELECT @@read_only"));
    }

    @Test
    @Order(2)
    void hashedPasswordsAuthenticateOverTlsVerifiedAgainstTheCa() throws Exception {
        try (Connection c = connectTls(primary(), "shopdr_admin", ADMIN_PW, tls.caCertificatePem())) {
            assertTrue(scalar(c, "SHOW SESSION STATUS LIKE 'Ssl_version'") != null);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
                assertTrue(rs.next() && !rs.getString(2).isEmpty(), "session is encrypted");
            }
        }
        var other = DatabaseCertificates.derive("some-other-seed", "db", List.of("us-east"));
        assertThrows(SQLException.class, () -> connectTls(primary(), "shopdr_admin", ADMIN_PW, other.caCertificatePem()).close(),
                "a server certificate from another CA must be refused");
        assertThrows(SQLException.class, () -> connectPlain(primary(), "shopdr_admin", ADMIN_PW).close(),
                "admin requires TLS");
        assertThrows(SQLException.class, () -> connectPlain(primary(), "shop", APP_PW).close(),
                "the application user requires TLS too (it connects across the network from the clusters)");
        assertThrows(SQLException.class, () -> connectTls(primary(), "shopdr_admin", "wrong", tls.caCertificatePem()).close());
    }

    @Test
    @Order(3)
    void readOnlyHoldsForTheAppUserOnTheReplica() throws Exception {
        try (Connection c = connectTls(primary(), "shop", APP_PW, tls.caCertificatePem()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)");
            st.execute("INSERT INTO orders VALUES (1, 100)");
            SQLException e = assertThrows(SQLException.class, () -> st.execute("SET GLOBAL read_only = ON"));
            assertTrue(e.getMessage().contains("SUPER") || e.getMessage().contains("privilege"), e.getMessage());
        }
        replica().execute("SET SESSION sql_log_bin = 0",
                "CREATE TABLE shop.scratch (id INT PRIMARY KEY)");
        try (Connection c = connectTls(replica(), "shop", APP_PW, tls.caCertificatePem()); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("INSERT INTO scratch VALUES (1)"));
            assertEquals(1290, e.getErrorCode(), "read-only must refuse the app user: " + e.getMessage());
        }
        replica().execute("SET SESSION sql_log_bin = 0", "DROP TABLE shop.scratch");
    }

    @Test
    @Order(4)
    void replicaReplicatesWithTheBootstrappedUserOverTls() throws Exception {
        replica().execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary().port()
                        + ", MASTER_USER='shopdr_repl', MASTER_PASSWORD='" + REPL_PW + "', MASTER_USE_GTID=slave_pos,"
                        + " MASTER_SSL=1, MASTER_SSL_CA='" + tlsDir.resolve("ca.pem") + "', MASTER_SSL_VERIFY_SERVER_CERT=0",
                "START SLAVE");
        try (Connection c = connectTls(primary(), "shop", APP_PW, tls.caCertificatePem()); Statement st = c.createStatement()) {
            st.execute("INSERT INTO orders VALUES (2, 250)");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String total = null;
        while (System.nanoTime() < deadline) {
            try {
                total = replica().queryString("SELECT SUM(total) FROM shop.orders");
                if ("350".equals(total)) {
                    break;
                }
            } catch (SQLException notYetReplicated) {
                total = notYetReplicated.getMessage();
            }
            Thread.sleep(200);
        }
        var status = replica().query("SHOW SLAVE STATUS").get(0);
        assertEquals("350", total, "rows did not replicate; slave status: " + status);
        assertEquals("Yes", status.get("Slave_IO_Running"));
        assertEquals("Yes", status.get("Slave_SQL_Running"));
        assertEquals("Yes", status.get("Master_SSL_Allowed"), "replication must run over TLS");
        assertEquals(primary().queryString("SELECT @@gtid_binlog_pos"), replica().queryString("SELECT @@gtid_slave_pos"));
    }
}
