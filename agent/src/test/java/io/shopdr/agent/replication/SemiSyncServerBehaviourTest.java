package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.sim.mariadb.MariaDbCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB 10.11 semi-sync behaviours the zombie and availability fixes of issue 14 rely on, on real servers: a
 * primary whose only replica is gone keeps its commit waiting (wait_no_slave=ON) until the controller releases
 * semi-sync, which acknowledges it; {@code SET GLOBAL read_only} waits behind such a commit, so the fence ends the
 * sessions first and the waiting client never hears "committed"; a replica that attached while semi-sync was off is
 * no semi-sync replica until it reconnects; a primary promoted with no replica never waits, and gets semi-sync back
 * when the old primary rejoins, through the switch back. Node 0 primary and node 1 its only replica (node 2 unused).
 */
class SemiSyncServerBehaviourTest {
    static SharedReplicationCluster cluster;
    MariaDbCluster.Node n0;
    MariaDbCluster.Node n1;
    final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void semiSyncPair() throws Exception {
        cluster.reset();
        n0 = cluster.node(0);
        n1 = cluster.node(1);
        SharedReplicationCluster.createShop(n0);
        OrderWriter.createAppUser(n0);
        assertTrue(engine(n0, n1).configure(ConfigureOptions.builder().semiSync(true).build()).ok());
        awaitClients(n0, 1);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    private static Endpoint ep(MariaDbCluster.Node n) {
        return SharedReplicationCluster.endpoint(n);
    }

    /** An engine over {@code primary} and its one replica. */
    private static ReplicationEngine engine(MariaDbCluster.Node primary, MariaDbCluster.Node replica) {
        return new ReplicationEngine(new Topology(ep(primary), List.of(ep(replica)), SharedReplicationCluster.ADMIN,
                SharedReplicationCluster.REPL, Optional.empty()));
    }

    /** One order committed by the application user in the background; the future fails when the client is not told "committed". */
    private Future<Void> order(MariaDbCluster.Node n, int id) {
        return order(n, id, Duration.ofMinutes(2));
    }

    /** {@link #order} by a client that waits at most {@code statementTimeout} for each answer (Connector/J socketTimeout). */
    private Future<Void> order(MariaDbCluster.Node n, int id, Duration statementTimeout) {
        return clients.submit(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + n.port()
                    + "/shop?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=2000&socketTimeout="
                    + statementTimeout.toMillis(), "app", "app-pw");
                 Statement st = c.createStatement()) {
                st.execute("INSERT INTO orders VALUES (" + id + ", 'order', 1)");
            }
            return null;
        });
    }

    /** Waits (bounded) until a session of the application user waits for a semi-sync acknowledgement on {@code n}. */
    private static void awaitWaitingForAck(MariaDbCluster.Node n) throws Exception {
        String q = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'app' AND STATE LIKE '%semi-sync ACK%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"1".equals(n.queryString(q)) && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals("1", n.queryString(q), "a commit waits for a semi-sync acknowledgement");
    }

    private static String status(MariaDbCluster.Node n, String name) throws SQLException {
        return n.query("SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get("Value");
    }

    private static void awaitClients(MariaDbCluster.Node n, int clients) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!String.valueOf(clients).equals(status(n, "Rpl_semi_sync_master_clients")) && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(String.valueOf(clients), status(n, "Rpl_semi_sync_master_clients"));
    }

    private static long acknowledged(MariaDbCluster.Node n) throws SQLException {
        return Long.parseLong(status(n, "Rpl_semi_sync_master_yes_tx"));
    }

    /**
     * wait_no_slave=ON: the only replica dies and the primary's commit keeps waiting (with OFF, the old config, it was
     * acknowledged as soon as the dead replica's connection closed: the zombie's lost orders). Releasing semi-sync —
     * what the controller does once the quorum declares every standby down — acknowledges it, and the primary says
     * durability is degraded and released (its replica-side mark kept).
     */
    @Test
    void aPrimaryWhoseReplicaDiedKeepsItsCommitWaitingUntilSemiSyncIsReleased() throws Exception {
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_wait_no_slave"));
        ReplicationEngine engine = engine(n0, n1);
        n1.kill();
        Future<Void> commit = order(n0, 1);
        awaitWaitingForAck(n0);
        assertFalse(commit.isDone());

        engine.releaseSemiSync(ep(n0), Duration.ofSeconds(5));
        commit.get(ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toSeconds() / 2, TimeUnit.SECONDS); // released, not timed out
        assertEquals("1", n0.queryString("SELECT COUNT(*) FROM shop.orders"));
        SemiSyncDurability released = engine.durability(ep(n0));
        assertTrue(released.released() && released.degraded(), released::describe);
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.rpl_semi_sync_slave_enabled"), "the primary keeps the mark of the stack's mode");
    }

    /**
     * The fence of a woken zombie: {@code SET GLOBAL read_only} alone waits behind a commit that waits for an
     * acknowledgement (the old SQL fence timed out there); the fence ends the client sessions first, so it takes at once
     * and the waiting client gets an error — the order is committed on the old primary but never acknowledged.
     */
    @Test
    void theFenceEndsACommitWaitingForAnAcknowledgementWithoutAcknowledgingIt() throws Exception {
        n1.kill();
        Future<Void> commit = order(n0, 1);
        awaitWaitingForAck(n0);
        Future<Void> readOnly = clients.submit(() -> {
            n0.execute("SET GLOBAL read_only=ON");
            return null;
        });
        String blocked = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = 'SET GLOBAL read_only=ON'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"1".equals(n0.queryString(blocked)) && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals("1", n0.queryString(blocked), "SET GLOBAL read_only waits behind the waiting commit");
        assertFalse(readOnly.isDone());

        FenceReport fence = engine(n0, n1).fence(ep(n0), Duration.ofSeconds(5));
        assertTrue(fence.fenced(), fence::toString);
        ExecutionException e = assertThrows(ExecutionException.class, () -> commit.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SQLException, "the client is not told the order committed: " + e.getCause());
        readOnly.get(30, TimeUnit.SECONDS);
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals("1", n0.queryString("SELECT COUNT(*) FROM shop.orders"), "committed on the zombie, never acknowledged");
    }

    /**
     * A primary frozen (SIGSTOP: a VM that stops being scheduled) past the semi-sync timeout, with commits waiting for an
     * acknowledgement that cannot come: at its wake-up MariaDB finds the timeout passed, switches semi-sync off and
     * answers OK — the order committed without any replica. A client that was still waiting hears "committed" for an
     * order the standby never had; a client whose statement timeout is shorter than the semi-sync timeout had already
     * been told it failed. Hence the shop's statement timeout must be shorter ({@code Storefront.STATEMENT_TIMEOUT}, 15
     * s against 20 s), and the {@code pause} fault freezes past the timeout. Scaled down here: timeout 3 s, freeze 5 s,
     * the shop's client gives up after 2 s.
     */
    @Test
    void aPrimaryFrozenPastTheSemiSyncTimeoutCommitsAWaitingOrderWithoutAReplicaAtItsWakeUp() throws Exception {
        n0.execute("SET GLOBAL rpl_semi_sync_master_timeout=3000");
        try {
            frozenPastTheTimeout();
        } finally {
            n0.execute("SET GLOBAL rpl_semi_sync_master_timeout=" + ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis());
        }
    }

    private void frozenPastTheTimeout() throws Exception {
        long timedOutBefore = Long.parseLong(status(n0, "Rpl_semi_sync_master_no_tx"));
        n1.kill();
        Future<Void> patient = order(n0, 1, Duration.ofMinutes(2));
        awaitWaitingForAck(n0);
        Future<Void> shop = order(n0, 2, Duration.ofSeconds(2)); // the shop's client: gives up after 2 s
        Thread.sleep(300);
        assertFalse(patient.isDone() || shop.isDone(), "both orders wait");

        String pid = pidOf(n0);
        signal("STOP", pid);
        try {
            Thread.sleep(5000);
        } finally {
            signal("CONT", pid);
        }

        patient.get(30, TimeUnit.SECONDS); // told "committed", though no replica ever had it
        ExecutionException e = assertThrows(ExecutionException.class, () -> shop.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SQLException, "the shop's client was told the order failed: " + e.getCause());
        assertEquals("2", n0.queryString("SELECT COUNT(*) FROM shop.orders"), "both committed on the woken primary");
        assertEquals(timedOutBefore + 2, Long.parseLong(status(n0, "Rpl_semi_sync_master_no_tx")),
                "both committed without an acknowledgement");
        assertEquals("OFF", status(n0, "Rpl_semi_sync_master_status"), "the timeout switched semi-sync off");
    }

    /** The process id of {@code n}'s mariadbd, from its pid file. */
    private static String pidOf(MariaDbCluster.Node n) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(n.queryString("SELECT @@GLOBAL.datadir"))
                .resolve(n.queryString("SELECT @@GLOBAL.pid_file"));
        return java.nio.file.Files.readString(file).strip();
    }

    private static void signal(String name, String pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + name, pid).inheritIO().start();
        assertEquals(0, p.waitFor(), "kill -" + name + " " + pid);
    }

    /**
     * Which replicas acknowledge when semi-sync comes back. One that connected with its replica-side flag on is a
     * semi-sync replica even when it connected while the primary's side was released: restoring only switches the side
     * on. One whose mariadbd restarted forgot the runtime flag and reconnected by itself as a plain replica: with the
     * side on, commits wait for nobody (semi-sync on, no client) until restoreSemiSync turns its flag on and reconnects
     * it. On the old code nothing restored semi-sync, and a restarted standby stalled every commit for the timeout.
     */
    @Test
    void restoreSemiSyncMakesAnAttachedCaughtUpReplicaAcknowledgeAgain() throws Exception {
        ReplicationEngine engine = engine(n0, n1);
        assertEquals(List.of(), engine.restoreSemiSync(ep(n0), Duration.ofSeconds(5)), "nothing to restore while a replica acknowledges");
        engine.releaseSemiSync(ep(n0), Duration.ofSeconds(5));
        n1.execute("STOP SLAVE IO_THREAD", "START SLAVE"); // the standby comes back while semi-sync is released
        awaitClients(n0, 1);
        assertTrue(engine.durability(ep(n0)).released());
        long before = acknowledged(n0);
        assertEquals(List.of(ep(n1)), engine.restoreSemiSync(ep(n0), Duration.ofSeconds(10)));
        order(n0, 1).get(30, TimeUnit.SECONDS);
        assertEquals(before + 1, acknowledged(n0), "acknowledged by the replica");

        n1.kill();
        n1.restart(); // forgets rpl_semi_sync_slave_enabled and starts replicating by itself
        assertEquals("0", n1.queryString("SELECT @@GLOBAL.rpl_semi_sync_slave_enabled"));
        Future<Void> waiting = order(n0, 2);
        awaitWaitingForAck(n0);
        assertEquals("0", status(n0, "Rpl_semi_sync_master_clients"), "the restarted replica is no semi-sync replica");
        String unacknowledged = status(n0, "Rpl_semi_sync_master_no_tx");
        assertEquals(List.of(ep(n1)), engine.restoreSemiSync(ep(n0), Duration.ofSeconds(10)));
        assertEquals("1", n1.queryString("SELECT @@GLOBAL.rpl_semi_sync_slave_enabled"));
        // the waiting order reached the replica before it reconnected, so no acknowledgement names it: the next order's
        // acknowledgement releases it too (in a shop the next order is never far)
        order(n0, 3).get(30, TimeUnit.SECONDS);
        waiting.get(30, TimeUnit.SECONDS);
        assertEquals(unacknowledged, status(n0, "Rpl_semi_sync_master_no_tx"), "both acknowledged, none timed out");
        assertFalse(engine.durability(ep(n0)).degraded(), engine.durability(ep(n0)).describe());
    }

    /**
     * Failover, rejoin, switch back under semi-sync with two servers. The replica promoted while the old primary is dead
     * has no replica to wait for: its semi-sync side stays off, so its first commit does not stall for the semi-sync
     * timeout (MariaDB waits the whole timeout when semi-sync is on and no replica ever connected, whatever
     * wait_no_slave says — the 30 s attempt's failure). The rejoin of the old primary switches it back on, and after the
     * switch back the home primary runs semi-sync with its replica acknowledging: semi-sync is ON again at the end.
     */
    @Test
    void failoverWithoutAReplicaNeverWaitsAndSemiSyncIsBackOnThePrimaryAfterRejoinAndSwitchBack() throws Exception {
        order(n0, 1).get(30, TimeUnit.SECONDS);
        n0.kill();
        FailoverReport failover = engine(n0, n1).failover(Optional.empty());
        assertEquals(ep(n1), failover.newPrimary());
        assertTrue(failover.semiSyncReleased(), failover::toString);
        assertEquals("0", n1.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_enabled"));
        ReplicationEngine afterFailover = engine(n1, n0);
        assertTrue(afterFailover.durability(ep(n1)).released(), afterFailover.durability(ep(n1)).describe());
        order(n1, 2).get(ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toSeconds() / 2, TimeUnit.SECONDS); // no stall

        n0.restart();
        RejoinReport rejoin = afterFailover.rejoin(ep(n0));
        assertTrue(rejoin.caughtUp(), rejoin::toString);
        assertTrue(rejoin.actions().stream().anyMatch(a -> a.startsWith("semi-sync back on")), rejoin.actions().toString());
        assertEquals("1", status(n1, "Rpl_semi_sync_master_clients"));
        long before = acknowledged(n1);
        order(n1, 3).get(30, TimeUnit.SECONDS);
        assertEquals(before + 1, acknowledged(n1), "the rejoined old primary acknowledges");

        afterFailover.switchover(ep(n0), Duration.ofSeconds(30));
        awaitClients(n0, 1);
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_enabled"));
        assertEquals("1", n0.queryString("SELECT @@GLOBAL.rpl_semi_sync_master_wait_no_slave"));
        long home = acknowledged(n0);
        order(n0, 4).get(30, TimeUnit.SECONDS);
        assertEquals(home + 1, acknowledged(n0), "semi-sync is on again at the home primary");
        assertFalse(engine(n0, n1).durability(ep(n0)).degraded());
    }
}
