package io.shopdr.sim.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class MariaDbClusterTest {
    @Test
    void startsKillsAndRestartsOnSameDatadir() throws Exception {
        try (MariaDbCluster cluster = MariaDbCluster.start(2)) {
            var n1 = cluster.node(0);
            assertEquals("1", n1.queryString("SELECT @@server_id"));
            assertEquals("2", cluster.node(1).queryString("SELECT @@server_id"));
            assertEquals("ROW", n1.queryString("SELECT @@binlog_format"));
            assertEquals("1", n1.queryString("SELECT @@gtid_strict_mode"));
            n1.execute("CREATE DATABASE t", "CREATE TABLE t.x (id INT PRIMARY KEY) ENGINE=InnoDB", "INSERT INTO t.x VALUES (1)");

            n1.kill();
            assertFalse(n1.isRunning());
            n1.restart();
            assertEquals("1", n1.queryString("SELECT COUNT(*) FROM t.x"));
        }
    }
}
