package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.sim.mariadb.MariaDbCluster;
import org.junit.jupiter.api.Test;

/** Real primary → replica GTID replication between two nodes of the shared fixture, driven through {@link MariaDbDialect} alone. */
class MariaDbReplicationTest {
    @Test
    void replicaReceivesRowsFromPrimary() throws Exception {
        SharedReplicationCluster cluster = SharedReplicationCluster.get();
        cluster.reset();
        MariaDbCluster.Node primary = cluster.node(0);
        MariaDbCluster.Node replica = cluster.node(1);
        Dialect dialect = Dialect.forVersion(replica.queryString("SELECT VERSION()"));
        assertInstanceOf(MariaDbDialect.class, dialect);

        primary.execute("SET sql_log_bin=0",
                "CREATE USER 'repl'@'%' IDENTIFIED BY 'repl-pw'",
                "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
        SourceConfig source = new SourceConfig(primary.host(), primary.port(), "repl", "repl-pw", 1, 1, null, false);
        replica.execute(dialect.changeSource(source), dialect.startReplica());

        primary.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(50)) ENGINE=InnoDB",
                "INSERT INTO shop.orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        String gtid = primary.queryString(dialect.gtidExecutedQuery());
        assertTrue(gtid != null && !gtid.isBlank(), "primary has a GTID position");

        assertEquals("0", replica.queryString(dialect.waitForGtid(gtid, 30)),
                () -> "replica did not reach " + gtid + ": " + safeStatus(replica, dialect));
        assertEquals("3", replica.queryString("SELECT COUNT(*) FROM shop.orders"));

        var row = replica.query(dialect.showReplicaStatus()).get(0);
        ReplicaStatus status = dialect.parseStatus(row);
        assertTrue(status.healthy(), status::toString);
        assertEquals(primary.port(), status.sourcePort());
        assertEquals("127.0.0.1", status.sourceHost());
        assertEquals(gtid, status.retrievedGtid());
        assertEquals(gtid, replica.queryString(dialect.gtidExecutedQuery()));
    }

    private static String safeStatus(MariaDbCluster.Node node, Dialect dialect) {
        try {
            return node.query(dialect.showReplicaStatus()).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
