package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every MySQL 8.4 statement the engine issues, and status parsing against recorded 8.4 SHOW REPLICA STATUS column
 * sets (no MySQL 8.4 server exists on this machine, so this is the SQL-level contract).
 */
class MySql84DialectTest {
    private static final String SRC = "9b1c5a2e-4f3d-11ef-8a6b-f23c93a1b001";
    private static final String REP = "a0d2e6b4-4f3d-11ef-9c1e-f23c93a1b002";
    private final Dialect mysql = Dialect.forVersion("8.4.3");

    static Map<String, String> recorded(String name) throws Exception {
        try (InputStream in = MySql84DialectTest.class.getResourceAsStream(name)) {
            JsonNode row = new ObjectMapper().readTree(in).get("row");
            Map<String, String> out = new LinkedHashMap<>();
            row.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
            return out;
        }
    }

    @Test
    void parsesARecordedRunningReplica() throws Exception {
        Map<String, String> row = recorded("mysql84-replica-status-running.json");
        assertEquals(60, row.size(), "8.4 column set");
        ReplicaStatus s = mysql.parseStatus(row);
        assertTrue(s.healthy(), s::toString);
        assertEquals(0L, s.lagSeconds());
        assertEquals("203.0.113.10", s.sourceHost());
        assertEquals(3306, s.sourcePort());
        assertEquals(SRC + ":1-1042", s.retrievedGtid());
        assertEquals(SRC + ":1-1042," + REP + ":1-3", s.executedGtid());

        SourceConfig desired = new SourceConfig("203.0.113.10", 3306, "shopdr_repl", "pw", 5, 10, "/etc/mysql/ssl/ca.pem", true);
        assertTrue(mysql.sourceMatches(row, desired));
        assertFalse(mysql.sourceMatches(row, new SourceConfig("203.0.113.11", 3306, "shopdr_repl", "pw", 5, 10, "/etc/mysql/ssl/ca.pem", true)));
        assertFalse(mysql.sourceMatches(row, SourceConfig.plain("203.0.113.10", 3306, "shopdr_repl", "pw")));
        assertFalse(mysql.sourceMatches(row, new SourceConfig("203.0.113.10", 3306, "other", "pw", 5, 10, "/etc/mysql/ssl/ca.pem", true)));
        Map<String, String> noAuto = new LinkedHashMap<>(row);
        noAuto.put("Auto_Position", "0");
        assertFalse(mysql.sourceMatches(noAuto, desired));
    }

    @Test
    void parsesARecordedReceiverError() throws Exception {
        ReplicaStatus s = mysql.parseStatus(recorded("mysql84-replica-status-io-error.json"));
        assertFalse(s.ioRunning());
        assertTrue(s.sqlRunning());
        assertNull(s.lagSeconds());
        assertTrue(s.lastIoError().contains("Authentication requires secure connection"));
        assertFalse(s.healthy());
        assertEquals(4, mysql.missingTransactions(s.executedGtid(), SRC + ":1-1042").count());
    }

    @Test
    void everyStatement() {
        assertEquals("STOP REPLICA IO_THREAD", mysql.stopReplicaIoThread());
        assertEquals("SELECT @@GLOBAL.log_bin", mysql.binlogEnabledQuery());
        assertEquals("SELECT @@GLOBAL.gtid_mode = 'ON' AND @@GLOBAL.enforce_gtid_consistency = 'ON'", mysql.gtidEnabledQuery());
        assertEquals("SELECT @@GLOBAL.server_id", mysql.serverIdQuery());
        assertEquals("SELECT @@GLOBAL.read_only AND @@GLOBAL.super_read_only", mysql.readOnlyQuery());
        assertEquals("SELECT @@GLOBAL.gtid_executed", mysql.gtidHistoryQuery());
        assertEquals(List.of(
                "CREATE USER IF NOT EXISTS 'shopdr_repl'@'%' IDENTIFIED BY 'p''w'",
                "ALTER USER 'shopdr_repl'@'%' IDENTIFIED BY 'p''w' REQUIRE SSL",
                "GRANT REPLICATION SLAVE ON *.* TO 'shopdr_repl'@'%'"), mysql.replicationUser("shopdr_repl", "p'w", true));
        assertEquals("ALTER USER 'shopdr_repl'@'%' IDENTIFIED BY 'pw' REQUIRE NONE", mysql.replicationUser("shopdr_repl", "pw", false).get(1));
        assertEquals("SHOW GRANTS FOR 'shopdr_repl'@'%'", mysql.replicationGrantsQuery("shopdr_repl"));
        assertEquals("SELECT ssl_type FROM mysql.user WHERE User='shopdr_repl' AND Host='%'", mysql.replicationUserQuery("shopdr_repl"));
        assertEquals(List.of(), mysql.prepareReplica(), "auto-positioning needs no slave-position alignment");
        assertEquals("SELECT @@GLOBAL.super_read_only", mysql.superReadOnlyQuery());
        assertEquals(List.of("SET GLOBAL super_read_only=OFF"), mysql.adminWriteWindow(true));
        assertEquals(List.of("SET GLOBAL super_read_only=ON"), mysql.adminWriteWindow(false));
        assertEquals(List.of("INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'",
                "SET GLOBAL rpl_semi_sync_source_wait_point=AFTER_SYNC",
                "SET GLOBAL rpl_semi_sync_source_timeout=3600000",
                "SET GLOBAL rpl_semi_sync_source_wait_no_replica=ON",
                "SET GLOBAL rpl_semi_sync_source_enabled=ON"), mysql.semiSyncSource(true, 3_600_000));
        assertEquals(List.of("SET GLOBAL rpl_semi_sync_source_enabled=OFF"), mysql.semiSyncSource(false, 0));
        assertEquals(List.of("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'",
                "SET GLOBAL rpl_semi_sync_replica_enabled=ON"), mysql.semiSyncReplica(true));
        assertEquals(List.of("SET GLOBAL rpl_semi_sync_replica_enabled=OFF"), mysql.semiSyncReplica(false));
        assertTrue(mysql.semiSyncSourceQuery().contains("'rpl_semi_sync_source_enabled'"));
        assertTrue(mysql.semiSyncReplicaQuery().contains("'rpl_semi_sync_replica_enabled'"));
        // nothing of the removed 8.4 vocabulary
        for (String s : List.of(mysql.startReplica(), mysql.stopReplica(), mysql.resetReplicaAll(), mysql.showReplicaStatus(),
                mysql.stopReplicaIoThread(), mysql.changeSource(SourceConfig.plain("h", 1, "u", "p")))) {
            assertFalse(s.contains("SLAVE") || s.contains("MASTER"), s);
        }
    }

    @Test
    void gtidSetArithmetic() {
        String primary = SRC + ":1-1042," + REP + ":1-3";
        String replica = SRC + ":1-1000:1005," + REP + ":1-3";
        GtidDifference behind = mysql.missingTransactions(replica, primary);
        assertEquals(41, behind.count());
        assertEquals(List.of(SRC + ":1001-1004:1006-1042"), behind.gtids());
        assertTrue(mysql.missingTransactions(primary, primary).isEmpty());

        // a former primary that kept writing after the failover: its own UUID's transactions are errant
        String oldPrimary = SRC + ":1-1050";
        String newPrimaryHistory = SRC + ":1-1042," + REP + ":1-20";
        GtidDifference errant = mysql.errantTransactions(oldPrimary, newPrimaryHistory);
        assertEquals(8, errant.count());
        assertEquals(List.of(SRC + ":1043-1050"), errant.gtids());

        // tagged GTIDs (8.4) are separate sources; case and whitespace as the server prints them
        assertEquals(2, mysql.missingTransactions(SRC.toUpperCase() + ":1-5", SRC + ":1-5:shopdr:1-2").count());
        assertEquals(List.of(SRC + ":shopdr:1-2"), mysql.missingTransactions(SRC + ":1-5", SRC + ":1-5:shopdr:1-2").gtids());
        assertEquals(3, mysql.missingTransactions("", SRC + ":1-2,\n" + REP + ":7").count());
    }
}
