package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.sim.mariadb.MariaDbCluster;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** switchover, failover, rejoin and fence against three real MariaDB servers, with a client writing throughout. */
class ReplicationFailoverTest {
    static SharedReplicationCluster cluster;
    MariaDbCluster.Node n0;
    MariaDbCluster.Node n1;
    MariaDbCluster.Node n2;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void reset() throws Exception {
        cluster.reset();
        n0 = cluster.node(0);
        n1 = cluster.node(1);
        n2 = cluster.node(2);
        SharedReplicationCluster.createShop(n0);
        OrderWriter.createAppUser(n0);
        assertTrue(new ReplicationEngine(cluster.topology()).configure(ConfigureOptions.defaults()).ok());
    }

    private static Endpoint ep(MariaDbCluster.Node n) {
        return SharedReplicationCluster.endpoint(n);
    }

    @Test
    void switchoverUnderConcurrentWritesLosesNothing() throws Exception {
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        SwitchoverReport report;
        try (OrderWriter writer = new OrderWriter(n0)) {
            writer.awaitAcknowledged(150);
            report = engine.switchover(ep(n1), Duration.ofSeconds(60));
            writer.target.set(n1);
            int atSwitch = writer.acknowledged.size();
            writer.awaitAcknowledged(atSwitch + 150);
        }
        assertEquals(ep(n0), report.oldPrimary());
        assertEquals(ep(n1), report.newPrimary());
        assertEquals(List.of(ep(n0), ep(n2)), report.repointed());
        assertEquals("0", n1.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.read_only"));

        ReplicationEngine after = new ReplicationEngine(cluster.topology(1, Optional.empty()));
        String pos = after.gtidPosition(ep(n1));
        for (MariaDbCluster.Node n : List.of(n0, n2)) {
            assertEquals("0", n.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 60)"));
        }
        String checksum = checksum(n1);
        for (MariaDbCluster.Node n : List.of(n0, n2)) assertEquals(checksum, checksum(n), "rows differ on " + n.port());
        List<ReplicaStatus> status = after.status();
        status.forEach(s -> assertTrue(s.healthy(), s::toString));
        status.forEach(s -> assertEquals(n1.port(), s.sourcePort()));
    }

    @Test
    void semiSyncSwitchoverBackAndForthKeepsEveryServerRunningAndReplicating() throws Exception {
        // Regression: MariaDB 11.4 crashed the demoted primary when its semi-sync side was switched off before the
        // binlog dump thread of the promoted replica had ended.
        assertTrue(new ReplicationEngine(cluster.topology()).configure(ConfigureOptions.builder().semiSync(true).build()).ok());
        int primary = 0;
        try (OrderWriter writer = new OrderWriter(n0)) {
            for (int i = 1; i <= 4; i++) {
                int to = primary == 0 ? 1 : 0;
                writer.awaitAcknowledged(writer.acknowledged.size() + 30);
                new ReplicationEngine(cluster.topology(primary, Optional.empty()))
                        .switchover(ep(cluster.node(to)), Duration.ofSeconds(60));
                writer.target.set(cluster.node(to));
                primary = to;
                writer.awaitAcknowledged(writer.acknowledged.size() + 30);
                ReplicationEngine now = new ReplicationEngine(cluster.topology(primary, Optional.empty()));
                String pos = now.gtidPosition(ep(cluster.node(primary)));
                for (MariaDbCluster.Node n : cluster.nodes()) {
                    assertTrue(n.isRunning(), "mariadbd on " + n.port() + " died after switchover " + i);
                    if (n != cluster.node(primary)) assertEquals("0", n.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 60)"));
                }
                now.status().forEach(st -> assertTrue(st.healthy(), st::toString));
            }
        }
        assertEquals("1", cluster.node(primary).queryString("SELECT @@GLOBAL.rpl_semi_sync_master_enabled"));
    }

    @Test
    void switchoverAbortsAndUnfencesWhenTheCandidateCannotCatchUp() throws Exception {
        n1.execute("STOP SLAVE IO_THREAD");
        n0.execute("INSERT INTO shop.orders VALUES (1, 'not on the candidate', 1)");
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        ReplicationException e = assertThrows(ReplicationException.class, () -> engine.switchover(ep(n1), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains(ep(n1).toString()) && e.getMessage().contains("aborted"), e.getMessage());
        assertEquals("0", n0.queryString("SELECT @@GLOBAL.read_only"), "old primary unfenced");
        assertEquals("1", n1.queryString("SELECT @@GLOBAL.read_only"), "candidate not promoted");
        assertEquals(1, n1.query("SHOW SLAVE STATUS").size());
    }

    /**
     * The switchover tells its progress as it goes, and a caller that stops it at a step (a process dying there) finds
     * exactly that step's state: after the promotion the candidate is the writable primary, the old one read-only and
     * not yet re-pointed; a rejoin then makes the old primary a replica of the new one.
     */
    @Test
    void switchoverReportsItsStepsAndStopsWhereItsCallerDies() throws Exception {
        List<SwitchoverStep> seen = new java.util.ArrayList<>();
        RuntimeException died = new IllegalStateException("the caller died");
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        RuntimeException e = assertThrows(RuntimeException.class, () -> engine.switchover(ep(n1), Duration.ofSeconds(30), step -> {
            seen.add(step);
            if (step == SwitchoverStep.PROMOTED) throw died;
        }));
        assertEquals(died, e);
        assertEquals(List.of(SwitchoverStep.CAUGHT_UP, SwitchoverStep.PROMOTED), seen);
        assertEquals("0", n1.queryString("SELECT @@GLOBAL.read_only"), "the candidate was promoted");
        assertEquals(0, n1.query("SHOW SLAVE STATUS").size());
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.read_only"), "the old primary stays read-only");
        assertEquals(0, n0.query("SHOW SLAVE STATUS").size(), "the old primary was not re-pointed");

        RejoinReport rejoin = new ReplicationEngine(cluster.topology(1, Optional.empty())).rejoin(ep(n0), Duration.ofSeconds(30));
        assertTrue(rejoin.caughtUp(), rejoin::toString);
        assertEquals(n1.port(), rejoin.status().sourcePort());
    }

    @Test
    void failoverAfterKillDuringWritesReportsTheRowsActuallyLostAndRejoinRefusesTheDivergedPrimary() throws Exception {
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        int lostFromHere;
        String lastSeen;
        try (OrderWriter writer = new OrderWriter(n0)) {
            writer.awaitAcknowledged(40);
            n2.execute("STOP SLAVE IO_THREAD");   // n2 falls behind: the failover must pick n1
            writer.awaitAcknowledged(writer.acknowledged.size() + 20);
            n1.execute("STOP SLAVE IO_THREAD");   // now nothing leaves the primary: these rows will be lost
            lostFromHere = writer.acknowledged.size();
            writer.awaitAcknowledged(lostFromHere + 15);
            n0.kill();
            lastSeen = writer.lastAckedGtid.get();
            List<Integer> acked = List.copyOf(writer.acknowledged);

            FailoverReport report = engine.failover(Optional.of(lastSeen));
            assertEquals(ep(n1), report.newPrimary());
            assertEquals(List.of(ep(n2)), report.repointed());
            java.util.Set<Integer> onNew = new java.util.HashSet<>();
            for (var row : n1.query("SELECT id FROM shop.orders")) onNew.add(Integer.valueOf(row.get("id")));
            long onNewPrimary = onNew.size();
            long actuallyMissing = acked.stream().filter(id -> !onNew.contains(id)).count();
            String diag = "lostFromHere=" + lostFromHere + " acked=" + acked.size() + " onNew=" + onNewPrimary
                    + " maxOnNew=" + n1.queryString("SELECT MAX(id) FROM shop.orders") + " rejected=" + writer.rejected()
                    + " lastSeen=" + lastSeen + " report=" + report;
            assertTrue(actuallyMissing >= 15, "rows lost: " + actuallyMissing + " " + diag);
            assertEquals(Long.valueOf(actuallyMissing), report.rpoTransactions(), report::toString);
            assertEquals(acked.size() - actuallyMissing, onNewPrimary);
            assertEquals("0", n1.queryString("SELECT @@GLOBAL.read_only"));
            writer.target.set(n1);
            writer.awaitAcknowledged(acked.size() + 10);   // the shop writes again, on the new primary
        }
        String pos = n1.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", n2.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 60)"));
        assertEquals(checksum(n1), checksum(n2));

        n0.restart();
        ReplicationEngine afterFailover = new ReplicationEngine(cluster.topology(1, Optional.empty()));
        DivergedException refused = assertThrows(DivergedException.class, () -> afterFailover.rejoin(ep(n0)));
        assertTrue(refused.errant().count() >= 15, refused::getMessage);
        assertTrue(refused.getMessage().contains("re-clone") && refused.getMessage().contains(ep(n0).toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(refused.errant().gtids().get(0)), refused.getMessage());
        assertEquals(0, n0.query("SHOW SLAVE STATUS").size(), "nothing changed on the refused node");
    }

    @Test
    void failoverWithoutLastSeenPositionSaysRpoUnknownAndTheCleanOldPrimaryRejoins() throws Exception {
        n0.execute("INSERT INTO shop.orders VALUES (1, 'a', 1), (2, 'b', 2)");
        String pos = n0.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        for (MariaDbCluster.Node n : List.of(n1, n2)) assertEquals("0", n.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 60)"));
        n0.kill();
        FailoverReport report = new ReplicationEngine(cluster.topology()).failover(Optional.empty());
        assertFalse(report.rpoKnown());
        assertEquals(ep(n1), report.newPrimary(), "equally advanced: the first replica wins");
        n1.execute("INSERT INTO shop.orders VALUES (3, 'after failover', 3)");

        n0.restart();
        ReplicationEngine afterFailover = new ReplicationEngine(cluster.topology(1, Optional.empty()));
        RejoinReport rejoined = afterFailover.rejoin(ep(n0));
        assertTrue(rejoined.caughtUp(), rejoined::toString);
        assertTrue(rejoined.status().healthy(), rejoined::toString);
        assertEquals("3", n0.queryString("SELECT COUNT(*) FROM shop.orders"));
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals(checksum(n1), checksum(n0));
        // rejoining again is a no-op
        assertTrue(afterFailover.rejoin(ep(n0)).actions().isEmpty());
    }

    @Test
    void tlsChannelsKeepTheServersCaPathThroughFailoverAndRejoin() throws Exception {
        java.nio.file.Path ca = cluster.certificates().caCert();
        java.nio.file.Path serverSide = java.nio.file.Files.copy(ca, ca.resolveSibling("server-side-ca-" + System.nanoTime() + ".pem"));
        ReplicationEngine tls = new ReplicationEngine(cluster.topology(0, Optional.of(ca)));
        assertTrue(tls.configure(ConfigureOptions.builder().serverCaPath(serverSide.toString()).build()).ok());
        n0.kill();
        FailoverReport f = tls.failover(Optional.empty());
        assertEquals(ep(n1), f.newPrimary());
        var row = n2.query("SHOW SLAVE STATUS").get(0);
        assertEquals(serverSide.toString(), row.get("Master_SSL_CA_File"));
        assertEquals(String.valueOf(n1.port()), row.get("Master_Port"));
        assertEquals("Yes", row.get("Master_SSL_Verify_Server_Cert"));

        n0.restart();
        RejoinReport r = new ReplicationEngine(cluster.topology(1, Optional.of(ca))).rejoin(ep(n0));
        assertTrue(r.caughtUp() && r.status().healthy(), r::toString);
        assertEquals(serverSide.toString(), n0.query("SHOW SLAVE STATUS").get(0).get("Master_SSL_CA_File"));
        assertTrue(new ReplicationEngine(cluster.topology(1, Optional.of(ca))).status().stream().allMatch(ReplicaStatus::healthy));
    }

    @Test
    void fenceMakesTheServerReadOnlyForTheApplicationAndReportsUnreachableServers() throws Exception {
        ReplicationEngine engine = new ReplicationEngine(cluster.topology());
        FenceReport fenced = engine.fence(ep(n0), Duration.ofSeconds(5));
        assertTrue(fenced.fenced(), fenced::toString);
        SQLException e = assertThrows(SQLException.class, () -> appInsert(n0));
        assertEquals(1290, e.getErrorCode());

        FenceReport unreachable = engine.fence(new Endpoint("127.0.0.1", 1), Duration.ofSeconds(2));
        assertFalse(unreachable.fenced());
        assertTrue(unreachable.detail().contains("127.0.0.1:1"), unreachable.detail());

        assertEquals(n0.queryString("SELECT @@GLOBAL.gtid_current_pos"), engine.gtidPosition(ep(n0)));
    }

    private static void appInsert(MariaDbCluster.Node n) throws SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + n.port() + "/shop?useSSL=false", "app", "app-pw");
             var st = c.createStatement()) {
            st.execute("INSERT INTO orders VALUES (999999, 'x', 1)");
        }
    }

    static String checksum(MariaDbCluster.Node n) throws SQLException {
        return n.queryString("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', id, note, amount))), 0)) FROM shop.orders");
    }
}
