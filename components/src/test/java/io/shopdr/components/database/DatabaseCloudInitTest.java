package io.shopdr.components.database;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class DatabaseCloudInitTest {
    static final String ADMIN_PW = "Adm1n'pw\\x";
    static final String REPL_PW = "R3pl-pw-unique";
    static final String APP_PW = "App-pw-unique";
    private static final DatabaseCertificates TLS = DatabaseCertificates.derive("cloud-init-test-seed", "db",
            List.of("us-east", "eu-west"));

    /** Every Linode core region id at the time of writing. */
    static final List<String> LINODE_REGIONS = List.of("ap-west", "ca-central", "ap-southeast", "us-iad", "us-ord",
            "fr-par", "us-sea", "br-gru", "nl-ams", "se-sto", "es-mad", "in-maa", "jp-osa", "it-mil", "us-mia",
            "id-cgk", "us-lax", "gb-lon", "au-mel", "in-bom-2", "de-fra-2", "sg-sin-2", "jp-tyo-3", "us-central",
            "us-west", "us-southeast", "us-east", "eu-west", "ap-south", "eu-central", "ap-northeast");

    static DatabaseServerSpec spec(DatabaseEngine engine, String region, boolean primary) {
        return new DatabaseServerSpec(engine, region, primary, 3306, "shop", "shopdr_admin", ADMIN_PW,
                "shopdr_repl", REPL_PW, "shop", APP_PW, TLS.caCertificatePem(), TLS.server(region));
    }

    /** The rendered document parsed as YAML: path → (permissions, decoded content), plus runcmd. */
    public record Parsed(Map<String, String> permissions, Map<String, String> contents, List<Object> runcmd) {}

    @SuppressWarnings("unchecked")
    public static Parsed parse(String document) {
        assertTrue(document.startsWith("#cloud-config\n"), "cloud-init needs the #cloud-config header");
        Map<String, Object> root = new Yaml().load(document);
        Map<String, String> perms = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) root.get("write_files")) {
            String path = (String) f.get("path");
            assertEquals("b64", f.get("encoding"));
            assertEquals("root:root", f.get("owner"));
            perms.put(path, (String) f.get("permissions"));
            contents.put(path, new String(Base64.getDecoder().decode((String) f.get("content")), StandardCharsets.UTF_8));
        }
        return new Parsed(perms, contents, (List<Object>) root.get("runcmd"));
    }

    static String cnf(Parsed p) {
        return p.contents().get("/etc/shopdr/db/shopdr.cnf");
    }

    static String sql(Parsed p) {
        return p.contents().get("/etc/shopdr/db/bootstrap.sql");
    }

    static String script(Parsed p) {
        return p.contents().get("/usr/local/sbin/shopdr-db-bootstrap");
    }

    @Test
    void serverIdIsUniqueAcrossEveryLinodeRegionAndStable() {
        Set<Long> ids = new HashSet<>();
        for (String r : LINODE_REGIONS) {
            long id = DatabaseCloudInit.serverId(r);
            assertTrue(id >= 1 && id <= 4_294_967_295L, r + " -> " + id);
            assertTrue(ids.add(id), "server_id collision at " + r);
            assertEquals(id, DatabaseCloudInit.serverId(r));
        }
        var east = parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "us-east", true)));
        var west = parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "eu-west", false)));
        assertTrue(cnf(east).contains("server_id = " + DatabaseCloudInit.serverId("us-east") + "\n"));
        assertTrue(cnf(west).contains("server_id = " + DatabaseCloudInit.serverId("eu-west") + "\n"));
    }

    @Test
    void mariaDbConfigHasRowBinlogStrictGtidAndReplicaUpdatesLogged() {
        String c = cnf(parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "eu-west", false))));
        List<String> lines = List.of(c.split("\n"));
        assertTrue(lines.contains("[mariadb]"), c);
        for (String expected : List.of("binlog_format = ROW", "log_bin = shopdr-bin", "log_slave_updates = ON",
                "gtid_strict_mode = ON", "bind_address = 0.0.0.0", "port = 3306", "read_only = ON")) {
            assertTrue(lines.contains(expected), "missing " + expected + " in\n" + c);
        }
        assertFalse(c.contains("super_read_only"), "MariaDB has no super_read_only: " + c);
        assertFalse(c.contains("gtid_mode"), "gtid_mode is MySQL's: " + c);
    }

    /**
     * Issue 14, the zombie: with wait_no_slave=OFF a semi-sync primary whose replica was promoted away (or died, or was
     * cut off) acknowledged commits at once, without a copy in another region (120 acknowledged orders lost under
     * semi-sync in the pause drill); and a 5 s timeout let a cut-off primary acknowledge before its self-fence. Both
     * engines keep waiting with no replica, for the agent's timeout (longer than the self-fence lease). Fails on the
     * old cloud-init.
     */
    @Test
    void semiSyncNeverTurnsAsynchronousOnItsOwnBeforeTheSelfFence() {
        for (boolean primary : List.of(true, false)) {
            List<String> maria = List.of(cnf(parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "eu-west", primary)))).split("\n"));
            assertTrue(maria.contains("rpl_semi_sync_master_wait_no_slave = ON"), maria.toString());
            assertTrue(maria.contains("rpl_semi_sync_master_timeout = "
                    + io.shopdr.agent.replication.ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis()), maria.toString());
            List<String> mysql = List.of(cnf(parse(DatabaseCloudInit.render(spec(DatabaseEngine.MYSQL_8_4, "eu-west", primary)))).split("\n"));
            assertTrue(mysql.contains("loose-rpl_semi_sync_source_wait_no_replica = ON"), mysql.toString());
            assertTrue(mysql.contains("loose-rpl_semi_sync_source_timeout = "
                    + io.shopdr.agent.replication.ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis()), mysql.toString());
        }
    }

    @Test
    void mySqlConfigHasGtidModeEnforcedConsistencyAndSuperReadOnlyOnReplicas() {
        String replica = cnf(parse(DatabaseCloudInit.render(spec(DatabaseEngine.MYSQL_8_4, "eu-west", false))));
        List<String> lines = List.of(replica.split("\n"));
        assertTrue(lines.contains("[mysqld]"), replica);
        for (String expected : List.of("binlog_format = ROW", "gtid_mode = ON", "enforce_gtid_consistency = ON",
                "log_replica_updates = ON", "read_only = ON", "super_read_only = ON")) {
            assertTrue(lines.contains(expected), "missing " + expected + " in\n" + replica);
        }
        assertFalse(replica.contains("log_slave_updates"), "8.4 name is log_replica_updates");
        String primary = cnf(parse(DatabaseCloudInit.render(spec(DatabaseEngine.MYSQL_8_4, "us-east", true))));
        assertTrue(List.of(primary.split("\n")).contains("read_only = OFF"), primary);
        assertFalse(primary.contains("super_read_only"), primary);
    }

    @Test
    void primaryIsWritableReplicasAreReadOnly() {
        String primary = cnf(parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "us-east", true))));
        assertTrue(List.of(primary.split("\n")).contains("read_only = OFF"), primary);
        var replica = parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "eu-west", false)));
        assertTrue(List.of(cnf(replica).split("\n")).contains("read_only = ON"));
        // the bootstrap lifts read-only only for its own session's work and restores it last
        List<String> stmts = List.of(sql(replica).split("\n"));
        assertEquals("SET GLOBAL read_only = ON;", stmts.get(stmts.size() - 1));
    }

    @Test
    void tlsConfigPointsAtTheCaAndServerKeyWhichTheScriptInstallsForTheServerOnly() {
        var p = parse(DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "us-east", true)));
        List<String> lines = List.of(cnf(p).split("\n"));
        assertTrue(lines.contains("ssl_ca = /etc/mysql/shopdr-tls/ca.pem"));
        assertTrue(lines.contains("ssl_cert = /etc/mysql/shopdr-tls/server-cert.pem"));
        assertTrue(lines.contains("ssl_key = /etc/mysql/shopdr-tls/server-key.pem"));
        assertEquals(TLS.caCertificatePem(), p.contents().get("/etc/shopdr/db/ca.pem"));
        assertEquals(TLS.server("us-east").certificatePem(), p.contents().get("/etc/shopdr/db/server-cert.pem"));
        assertEquals("0600", p.permissions().get("/etc/shopdr/db/server-key.pem"));
        assertTrue(script(p).contains("install -o mysql -g mysql -m 0600 /etc/shopdr/db/server-key.pem "
                + "/etc/mysql/shopdr-tls/server-key.pem"), script(p));
    }

    @Test
    void bootstrapUsersAreCreatedWithoutBinlogAfterAReset() {
        for (DatabaseEngine engine : DatabaseEngine.values()) {
            for (boolean primary : List.of(true, false)) {
                String s = sql(parse(DatabaseCloudInit.render(spec(engine, primary ? "us-east" : "eu-west", primary))));
                List<String> stmts = List.of(s.split("\n"));
                assertEquals("SET SESSION sql_log_bin = 0;", stmts.get(0), s);
                int reset = stmts.indexOf(engine.isMariaDb() ? "RESET MASTER;" : "RESET BINARY LOGS AND GTIDS;");
                assertTrue(reset > 0, s);
                for (int i = 0; i < stmts.size(); i++) {
                    String st = stmts.get(i);
                    if (st.startsWith("CREATE") || st.startsWith("GRANT") || st.startsWith("DROP")) {
                        assertTrue(i > reset, "written before the binlog reset: " + st);
                    }
                }
                assertFalse(s.contains("sql_log_bin = 1"), "binlog is never re-enabled in the bootstrap session");
            }
        }
    }

    @Test
    void adminAndReplicationRequireTlsAndTheAppUserHasNoGlobalPrivileges() {
        for (DatabaseEngine engine : DatabaseEngine.values()) {
            String s = sql(parse(DatabaseCloudInit.render(spec(engine, "eu-west", false))));
            List<String> stmts = List.of(s.split("\n"));
            List<String> appStatements = new ArrayList<>();
            for (String st : stmts) {
                if (st.contains("'shop'@'%'")) {
                    appStatements.add(st);
                }
                if (st.startsWith("CREATE") && (st.contains("'shopdr_admin'@") || st.contains("'shopdr_repl'@"))) {
                    assertTrue(st.endsWith("REQUIRE SSL;"), st);
                }
            }
            assertFalse(appStatements.isEmpty(), s);
            for (String st : appStatements) {
                assertFalse(st.contains("*.*"), "app user must not get global privileges: " + st);
                assertFalse(st.contains("SUPER") || st.contains("READ ONLY ADMIN") || st.contains("ALL"), st);
                if (st.startsWith("GRANT")) {
                    assertTrue(st.contains(" ON `shop`.* TO 'shop'@'%'"), st);
                }
            }
            assertTrue(stmts.contains("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'shopdr_repl'@'%';"), s);
        }
    }

    @Test
    void mariaDbUserDataHoldsNoPlaintextPasswordAnywhere() {
        String doc = DatabaseCloudInit.render(spec(DatabaseEngine.MARIADB_10_11, "us-east", true));
        var p = parse(doc);
        List<String> everything = new ArrayList<>(p.contents().values());
        everything.add(doc);
        for (String text : everything) {
            for (String pw : List.of(ADMIN_PW, REPL_PW, APP_PW)) {
                assertFalse(text.contains(pw), "plaintext password in user data");
            }
        }
        assertTrue(sql(p).contains("IDENTIFIED BY PASSWORD '" + DatabaseCloudInit.mariaDbPasswordHash(REPL_PW) + "'"));
    }

    @Test
    void mySqlPasswordsOnlyInTheRootOnlySqlFileThatIsShreddedAndNeverInLoggedOutput() {
        var p = parse(DatabaseCloudInit.render(spec(DatabaseEngine.MYSQL_8_4, "eu-west", false)));
        String sqlPath = "/etc/shopdr/db/bootstrap.sql";
        p.contents().forEach((path, content) -> {
            boolean secret = content.contains(REPL_PW) || content.contains(APP_PW) || content.contains("PRIVATE KEY");
            if (secret) {
                assertEquals("0600", p.permissions().get(path), path + " holds a secret");
            }
            if (!path.equals(sqlPath)) {
                assertFalse(content.contains(REPL_PW) || content.contains(APP_PW), path + " holds a password");
            }
        });
        assertTrue(sql(p).contains("BY '" + DatabaseCloudInit.sqlString(ADMIN_PW) + "'"), "escaped quote/backslash");
        assertTrue(sql(p).contains("'Adm1n\\'pw\\\\x'"), sql(p));
        String script = script(p);
        assertTrue(script.contains("mysql --protocol=socket < " + sqlPath), "SQL goes in on stdin, not as an argument");
        assertTrue(script.contains("shred -u " + sqlPath), script);
        assertTrue(script.indexOf("shred -u " + sqlPath) > script.indexOf("< " + sqlPath));
    }

    @Test
    void userDataFitsLinodesMetadataLimit() {
        for (DatabaseEngine engine : DatabaseEngine.values()) {
            String doc = DatabaseCloudInit.render(spec(engine, "eu-west", false));
            int encoded = Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8)).length();
            assertTrue(encoded < 65_535, engine + " user data is " + encoded + " bytes base64; Linode takes at most 65535");
        }
        assertEquals("/etc/mysql/shopdr-tls/ca.pem", ReplicatedDatabase.SERVER_CA_PATH);
    }

    @Test
    void nothingLoggedCanCarryASecret() {
        for (DatabaseEngine engine : DatabaseEngine.values()) {
            var p = parse(DatabaseCloudInit.render(spec(engine, "eu-west", false)));
            // runcmd output and the script's own output land in /var/log/cloud-init-output.log
            assertEquals(List.of(List.of("/usr/local/sbin/shopdr-db-bootstrap")), p.runcmd());
            String script = script(p);
            assertTrue(script.contains("set -euo pipefail"));
            assertFalse(script.contains("set -x") || script.contains("set -o xtrace") || script.contains("bash -x"));
            assertFalse(script.matches("(?s).*\\s(-p\\S|--password).*"), "no password option on a command line");
            assertFalse(script.contains("cat /etc/shopdr"), "never prints a staged file");
            for (String pw : List.of(ADMIN_PW, REPL_PW, APP_PW)) {
                assertFalse(script.contains(pw));
                assertFalse(cnf(p).contains(pw));
            }
            assertTrue(script.contains("apt-get install -y -q " + (engine.isMariaDb() ? "mariadb-server" : "mysql-server")));
        }
    }
}
