package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.sim.mariadb.MariaDbCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** configure and status against three real MariaDB servers (node 0 primary). */
class ReplicationEngineTest {
    static SharedReplicationCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void reset() throws Exception {
        cluster.reset();
    }

    @Test
    void configureFromEmptyReplicatesRowsAndRerunChangesNothing() throws Exception {
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        MariaDbCluster.Node primary = cluster.node(0);
        SharedReplicationCluster.createShop(primary);
        primary.execute("INSERT INTO shop.orders VALUES (1, 'before configure', 10)");

        ConfigureReport first = engine.configure(ConfigureOptions.defaults());
        assertTrue(first.changed(), first::toString);
        assertTrue(first.ok(), first::toString);
        assertEquals(2, first.replicas().size());
        for (ConfiguredReplica r : first.replicas()) {
            assertTrue(r.changed());
            assertTrue(r.caughtUp(), r::toString);
            assertTrue(r.status().healthy(), r::toString);
            assertEquals(0L, r.status().transactionsBehind());
            assertEquals(primary.port(), r.status().sourcePort());
        }
        for (int i = 1; i <= 2; i++) {
            MariaDbCluster.Node replica = cluster.node(i);
            assertEquals("1", replica.queryString("SELECT COUNT(*) FROM shop.orders"));
            assertEquals("1", replica.queryString("SELECT @@GLOBAL.read_only"));
            // least privilege, and never binlogged: no replica or primary GTID came from creating it
            assertEquals(List.of("GRANT REPLICATION SLAVE ON *.* TO `repl`@`%` IDENTIFIED BY PASSWORD"),
                    replica.query("SHOW GRANTS FOR 'repl'@'%'").stream()
                            .map(row -> row.values().iterator().next().replaceAll(" '\\*[0-9A-F]+'", "")).toList());
        }
        assertEquals(primary.queryString("SELECT @@GLOBAL.gtid_binlog_pos"), first.primaryGtid());

        primary.execute("INSERT INTO shop.orders VALUES (2, 'after configure', 20), (3, 'x', 30)");
        String pos = primary.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        for (int i = 1; i <= 2; i++) {
            assertEquals("0", cluster.node(i).queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"));
            assertEquals("60", cluster.node(i).queryString("SELECT SUM(amount) FROM shop.orders"));
        }

        ConfigureReport again = engine.configure(ConfigureOptions.defaults());
        assertFalse(again.changed(), again::toString);
        assertTrue(again.ok(), again::toString);
        again.replicas().forEach(r -> assertTrue(r.actions().isEmpty(), r::toString));
    }

    @Test
    void statusReportsStoppedThreadsAndTransactionsBehind() throws Exception {
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        MariaDbCluster.Node primary = cluster.node(0);
        SharedReplicationCluster.createShop(primary);
        ConfigureReport configured = engine.configure(ConfigureOptions.defaults());
        assertTrue(configured.ok(), configured::toString);
        cluster.node(1).execute("STOP SLAVE SQL_THREAD");
        primary.execute("INSERT INTO shop.orders VALUES (1, 'a', 1)", "INSERT INTO shop.orders VALUES (2, 'b', 2)",
                "INSERT INTO shop.orders VALUES (3, 'c', 3)");
        String pos = primary.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", cluster.node(2).queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"));

        List<ReplicaStatus> status = engine.status();
        assertEquals(2, status.size());
        ReplicaStatus stopped = status.get(0);
        assertEquals(SharedReplicationCluster.endpoint(cluster.node(1)), stopped.replica());
        assertTrue(stopped.ioRunning());
        assertFalse(stopped.sqlRunning());
        assertFalse(stopped.healthy());
        assertEquals(3L, stopped.transactionsBehind());
        ReplicaStatus fine = status.get(1);
        assertTrue(fine.healthy(), fine::toString);
        assertEquals(0L, fine.transactionsBehind());
        assertEquals(pos, fine.executedGtid());
        assertNotNull(fine.lagSeconds());

        // configure repairs the stopped thread and says so
        ConfigureReport repaired = engine.configure(ConfigureOptions.builder().waitTimeout(Duration.ofSeconds(60)).build());
        assertTrue(repaired.ok(), repaired::toString);
        assertEquals(List.of("replication threads started"), repaired.replicas().get(0).actions());
        assertTrue(repaired.replicas().get(1).actions().isEmpty());
        assertEquals(0L, engine.status().get(0).transactionsBehind());
    }

    @Test
    void tlsWithGeneratedCertificatesVerifiesTheServerAndRequiresTlsForTheReplicationUser() throws Exception {
        Topology tls = cluster.topology(0, java.util.Optional.of(cluster.certificates().caCert()));
        ReplicationEngine engine = new ReplicationEngine(tls);
        SharedReplicationCluster.createShop(cluster.node(0));
        ConfigureReport report = engine.configure(ConfigureOptions.defaults());
        assertTrue(report.ok(), report::toString);
        for (int i = 1; i <= 2; i++) {
            var row = cluster.node(i).query("SHOW SLAVE STATUS").get(0);
            assertEquals("Yes", row.get("Master_SSL_Allowed"));
            assertEquals("Yes", row.get("Master_SSL_Verify_Server_Cert"));
            assertEquals(cluster.certificates().caCert().toAbsolutePath().toString(), row.get("Master_SSL_CA_File"));
        }
        assertEquals("ANY", cluster.node(0).queryString("SELECT ssl_type FROM mysql.user WHERE User='repl'"));
        cluster.node(0).execute("INSERT INTO shop.orders VALUES (1, 'over tls', 1)");
        String pos = cluster.node(0).queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", cluster.node(2).queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"));
        assertFalse(engine.configure(ConfigureOptions.defaults()).changed());

        // a CA that did not sign the servers' certificates: refused before anything happens
        Topology wrongCa = cluster.topology(0, java.util.Optional.of(cluster.certificates().otherCaCert()));
        ReplicationException e = assertThrows(ReplicationException.class,
                () -> new ReplicationEngine(wrongCa).configure(ConfigureOptions.defaults()));
        assertTrue(e.getMessage().contains("--ca") && e.getMessage().contains(tls.primary().toString()), e.getMessage());
        // a CA file that is not a certificate
        java.nio.file.Path junk = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("ca", ".pem"), "not a cert");
        ReplicationException j = assertThrows(ReplicationException.class,
                () -> new ReplicationEngine(cluster.topology(0, java.util.Optional.of(junk))).status());
        assertTrue(j.getMessage().contains(junk.toString()) && j.getMessage().contains("--ca"), j.getMessage());
    }

    @Test
    void chainOnlyTlsStillRejectsACertificateFromAnotherCa() throws Exception {
        Topology tls = cluster.topology(0, java.util.Optional.of(cluster.certificates().caCert()));
        ConfigureReport ok = new ReplicationEngine(tls).configure(ConfigureOptions.builder().verifyServerHostname(false).build());
        assertTrue(ok.ok(), ok::toString);
        assertEquals("No", cluster.node(1).query("SHOW SLAVE STATUS").get(0).get("Master_SSL_Verify_Server_Cert"));
        assertEquals("Yes", cluster.node(1).query("SHOW SLAVE STATUS").get(0).get("Master_SSL_Allowed"));

        cluster.reset();
        ConfigureReport wrongCa = new ReplicationEngine(tls).configure(ConfigureOptions.builder().verifyServerHostname(false)
                .serverCaPath(cluster.certificates().otherCaCert().toString()).waitTimeout(Duration.ofSeconds(20)).build());
        assertFalse(wrongCa.ok(), wrongCa::toString);
        for (ConfiguredReplica r : wrongCa.replicas()) {
            assertFalse(r.status().ioRunning());
            assertTrue(r.status().lastIoError().contains("SSL") || r.status().lastIoError().contains("certificate"), r::toString);
        }
    }

    @Test
    void semiSyncIsLosslessAfterSyncOnThePrimaryAndEnabledOnReplicas() throws Exception {
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        MariaDbCluster.Node primary = cluster.node(0);
        SharedReplicationCluster.createShop(primary);
        ConfigureReport report = engine.configure(ConfigureOptions.builder().semiSync(true).build());
        assertTrue(report.ok(), report::toString);
        assertEquals("1", primary.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_enabled"));
        assertEquals("AFTER_SYNC", primary.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_wait_point"));
        assertEquals(Long.toString(ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis()),
                primary.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_timeout"));
        assertEquals("1", primary.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_wait_no_slave"));
        assertEquals("1", primary.queryString("SELECT @@GLOBAL.rpl_semi_sync_slave_enabled"), "the mark of the stack's mode");
        for (int i = 1; i <= 2; i++) assertEquals("1", cluster.node(i).queryString("SELECT @@GLOBAL.rpl_semi_sync_slave_enabled"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"2".equals(semiStatus(primary, "Rpl_semi_sync_master_clients")) && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals("2", semiStatus(primary, "Rpl_semi_sync_master_clients"));
        long acked = Long.parseLong(semiStatus(primary, "Rpl_semi_sync_master_yes_tx"));
        primary.execute("INSERT INTO shop.orders VALUES (1, 'acknowledged by a replica', 1)");
        assertEquals(acked + 1, Long.parseLong(semiStatus(primary, "Rpl_semi_sync_master_yes_tx")));
        assertFalse(engine.configure(ConfigureOptions.builder().semiSync(true).build()).changed());
    }

    private static String semiStatus(MariaDbCluster.Node n, String name) throws Exception {
        return n.query("SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get("Value");
    }

    @Test
    void unreachableHostIsNamedWithTheFix() {
        Topology t = new Topology(new Endpoint("127.0.0.1", 1), List.of(SharedReplicationCluster.endpoint(cluster.node(1))),
                SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL);
        ReplicationException e = assertThrows(ReplicationException.class, () -> new ReplicationEngine(t).configure(ConfigureOptions.defaults()));
        assertTrue(e.getMessage().startsWith("cannot reach primary 127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("firewall"), e.getMessage());
    }

    @Test
    void wrongAdminPasswordIsRefusedWithoutShowingIt() throws Exception {
        Topology base = cluster.topology();
        Topology t = new Topology(base.primary(), base.replicas(), new Credentials("admin", "wrong-secret-pw"), base.replication());
        ReplicationException e = assertThrows(ReplicationException.class, () -> new ReplicationEngine(t).configure(ConfigureOptions.defaults()));
        assertTrue(e.getMessage().contains("refused admin user 'admin'") && e.getMessage().contains(base.primary().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret-pw"));
        assertNothingConfigured();
    }

    @Test
    void adminWithoutReplicationPrivilegesIsRefusedBeforeAnyChange() throws Exception {
        for (MariaDbCluster.Node n : cluster.nodes()) {
            n.execute("SET sql_log_bin=0", "CREATE OR REPLACE USER 'weak'@'%' IDENTIFIED BY 'weak-pw'", "GRANT SELECT ON *.* TO 'weak'@'%'");
        }
        try {
            Topology base = cluster.topology();
            Topology t = new Topology(base.primary(), base.replicas(), new Credentials("weak", "weak-pw"), base.replication());
            ReplicationException e = assertThrows(ReplicationException.class, () -> new ReplicationEngine(t).configure(ConfigureOptions.defaults()));
            assertTrue(e.getMessage().contains("lacks a privilege") && e.getMessage().contains(base.primary().toString()), e.getMessage());
            assertNothingConfigured();
        } finally {
            for (MariaDbCluster.Node n : cluster.nodes()) n.execute("SET sql_log_bin=0", "DROP USER 'weak'@'%'");
        }
    }

    @Test
    void duplicateServerIdIsRefused() throws Exception {
        cluster.node(2).execute("SET GLOBAL server_id=1");
        ReplicationException e = assertThrows(ReplicationException.class,
                () -> new ReplicationEngine(cluster.topology()).configure(ConfigureOptions.defaults()));
        assertTrue(e.getMessage().contains("server_id 1 is used by both " + SharedReplicationCluster.endpoint(cluster.node(0))
                + " and " + SharedReplicationCluster.endpoint(cluster.node(2))), e.getMessage());
        assertNothingConfigured();
    }

    @Test
    void replicaWithLocalWritesIsRefusedEvenWithForce() throws Exception {
        SharedReplicationCluster.createShop(cluster.node(0));
        cluster.node(2).execute("CREATE DATABASE stray");
        for (boolean force : new boolean[] {false, true}) {
            DivergedException e = assertThrows(DivergedException.class,
                    () -> new ReplicationEngine(cluster.topology()).configure(ConfigureOptions.builder().force(force).build()));
            assertEquals(1, e.errant().count());
            assertEquals(List.of("0-3-1"), e.errant().gtids());
            assertTrue(e.getMessage().contains("replica " + SharedReplicationCluster.endpoint(cluster.node(2)) + " holds 1 local transaction"),
                    e.getMessage());
        }
        assertNothingConfigured();
        cluster.node(2).execute("SET sql_log_bin=0", "DROP DATABASE stray");
    }

    @Test
    void replicaOfAnotherSourceNeedsForce() throws Exception {
        MariaDbCluster.Node other = cluster.node(2);
        Topology twoNodes = new Topology(SharedReplicationCluster.endpoint(cluster.node(0)),
                List.of(SharedReplicationCluster.endpoint(cluster.node(1))), SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL);
        // node 1 replicates from node 2 first
        Topology fromOther = new Topology(SharedReplicationCluster.endpoint(other),
                List.of(SharedReplicationCluster.endpoint(cluster.node(1))), SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL);
        assertTrue(new ReplicationEngine(fromOther).configure(ConfigureOptions.defaults()).ok());
        ReplicationException e = assertThrows(ReplicationException.class,
                () -> new ReplicationEngine(twoNodes).configure(ConfigureOptions.defaults()));
        assertTrue(e.getMessage().contains("already replicates from 127.0.0.1:" + other.port()) && e.getMessage().contains("--force"),
                e.getMessage());
        assertEquals(String.valueOf(other.port()), cluster.node(1).query("SHOW SLAVE STATUS").get(0).get("Master_Port"));

        ConfigureReport forced = new ReplicationEngine(twoNodes).configure(ConfigureOptions.builder().force(true).build());
        assertTrue(forced.ok(), forced::toString);
        assertEquals(String.valueOf(cluster.node(0).port()), cluster.node(1).query("SHOW SLAVE STATUS").get(0).get("Master_Port"));
    }

    @Test
    void binlogOffOnThePrimaryIsRefused() throws Exception {
        MariaDbCluster.Node primary = cluster.node(2);
        java.nio.file.Path cnf = primary.dataDir().getParent().resolve("my.cnf");
        String original = java.nio.file.Files.readString(cnf);
        try {
            java.nio.file.Files.writeString(cnf, original.replace("log_bin=mysql-bin", "skip-log-bin")
                    .replace("log_slave_updates=ON", ""));
            primary.kill();
            primary.restart();
            Topology t = new Topology(SharedReplicationCluster.endpoint(primary), List.of(SharedReplicationCluster.endpoint(cluster.node(1))),
                    SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL);
            ReplicationException e = assertThrows(ReplicationException.class, () -> new ReplicationEngine(t).configure(ConfigureOptions.defaults()));
            assertTrue(e.getMessage().contains("binary logging is off on primary " + t.primary()) && e.getMessage().contains("log_bin"),
                    e.getMessage());
            assertNothingConfigured();
        } finally {
            java.nio.file.Files.writeString(cnf, original);
            primary.kill();
            primary.restart();
        }
    }

    @Test
    void endpointParsingNamesTheBadValue() {
        assertEquals(new Endpoint("db.example", 3306), Endpoint.parse("db.example:3306"));
        assertEquals("db.example:3306", Endpoint.parse(" db.example:3306 ").toString());
        assertEquals(new Endpoint("::1", 3307), Endpoint.parse("[::1]:3307"));
        for (String bad : new String[] {"db.example", "db.example:", ":3306", "db:abc", "db:0", "db:70000", "a:b:c"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(bad));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("HOST:PORT") || e.getMessage().contains("port"), e.getMessage());
        }
        assertFalse(new Credentials("u", "s3cret").toString().contains("s3cret"));
    }

    /** No replica has a source, no replication user exists anywhere, no GTID was created. */
    private void assertNothingConfigured() throws Exception {
        for (MariaDbCluster.Node n : cluster.nodes()) {
            assertEquals(0, n.query("SHOW SLAVE STATUS").size(), "replication configured on " + n.port());
            assertEquals("0", n.queryString("SELECT COUNT(*) FROM mysql.user WHERE User='repl'"), "repl user on " + n.port());
        }
    }
}
