package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.mariadb.MariaDbCluster;
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
        assertTrue(engine.configure(ConfigureOptions.defaults()).ok());
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
}
