package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DialectTest {
    private final Dialect maria = new MariaDbDialect();
    private final Dialect mysql = new MySql84Dialect();
    private final SourceConfig plain = SourceConfig.plain("10.0.0.5", 3306, "repl", "p'w");
    private final SourceConfig tls = new SourceConfig("db1", 3307, "repl", "pw", 3, 7, "/etc/ca.pem", true);

    @Test
    void forVersion() {
        assertInstanceOf(MariaDbDialect.class, Dialect.forVersion("10.11.6-MariaDB"));
        assertInstanceOf(MariaDbDialect.class, Dialect.forVersion("11.4.5-MariaDB-log"));
        assertInstanceOf(MariaDbDialect.class, Dialect.forVersion("10.11.6-MariaDB-0+deb12u1"));
        assertInstanceOf(MySql84Dialect.class, Dialect.forVersion("8.4.3"));
        assertInstanceOf(MySql84Dialect.class, Dialect.forVersion("8.4.0-commercial"));
        for (String bad : new String[] {"10.6.12-MariaDB", "8.0.36", "5.7.44", "", "garbage"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dialect.forVersion(bad));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Dialect.forVersion(null));
    }

    @Test
    void mariaDbChangeMaster() {
        assertEquals("CHANGE MASTER TO MASTER_HOST='10.0.0.5', MASTER_PORT=3306, MASTER_USER='repl', MASTER_PASSWORD='p''w', "
                + "MASTER_USE_GTID=slave_pos, MASTER_HEARTBEAT_PERIOD=5, MASTER_CONNECT_RETRY=10, "
                + "MASTER_SSL=0, MASTER_SSL_VERIFY_SERVER_CERT=0", maria.changeSource(plain));
        assertEquals("CHANGE MASTER TO MASTER_HOST='db1', MASTER_PORT=3307, MASTER_USER='repl', MASTER_PASSWORD='pw', "
                + "MASTER_USE_GTID=slave_pos, MASTER_HEARTBEAT_PERIOD=3, MASTER_CONNECT_RETRY=7, "
                + "MASTER_SSL=1, MASTER_SSL_CA='/etc/ca.pem', MASTER_SSL_VERIFY_SERVER_CERT=1", maria.changeSource(tls));
    }

    @Test
    void mySqlChangeSource() {
        assertEquals("CHANGE REPLICATION SOURCE TO SOURCE_HOST='10.0.0.5', SOURCE_PORT=3306, SOURCE_USER='repl', SOURCE_PASSWORD='p''w', "
                + "SOURCE_AUTO_POSITION=1, SOURCE_HEARTBEAT_PERIOD=5, SOURCE_CONNECT_RETRY=10, "
                + "SOURCE_SSL=0, GET_SOURCE_PUBLIC_KEY=1", mysql.changeSource(plain));
        assertEquals("CHANGE REPLICATION SOURCE TO SOURCE_HOST='db1', SOURCE_PORT=3307, SOURCE_USER='repl', SOURCE_PASSWORD='pw', "
                + "SOURCE_AUTO_POSITION=1, SOURCE_HEARTBEAT_PERIOD=3, SOURCE_CONNECT_RETRY=7, "
                + "SOURCE_SSL=1, SOURCE_SSL_CA='/etc/ca.pem', SOURCE_SSL_VERIFY_SERVER_CERT=1", mysql.changeSource(tls));
    }

    @Test
    void simpleStatements() {
        assertEquals("START SLAVE", maria.startReplica());
        assertEquals("STOP SLAVE", maria.stopReplica());
        assertEquals("RESET SLAVE ALL", maria.resetReplicaAll());
        assertEquals("SHOW SLAVE STATUS", maria.showReplicaStatus());
        assertEquals("SELECT @@GLOBAL.gtid_current_pos", maria.gtidExecutedQuery());
        assertEquals("SELECT MASTER_GTID_WAIT('0-1-42', 30)", maria.waitForGtid("0-1-42", 30));
        assertEquals(List.of("SET GLOBAL read_only=ON"), maria.setReadOnly(true));
        assertEquals(List.of("SET GLOBAL read_only=OFF"), maria.setReadOnly(false));
        assertEquals(null, maria.superReadOnlyQuery(), "MariaDB has no super_read_only");
        assertEquals(List.of(), maria.adminWriteWindow(true));
        assertEquals("STOP SLAVE IO_THREAD", maria.stopReplicaIoThread());
        assertEquals(List.of("SET GLOBAL gtid_slave_pos = @@GLOBAL.gtid_current_pos"), maria.prepareReplica());
        assertEquals(List.of("SET GLOBAL rpl_semi_sync_master_wait_point=AFTER_SYNC", "SET GLOBAL rpl_semi_sync_master_timeout=5000",
                "SET GLOBAL rpl_semi_sync_master_wait_no_slave=ON", "SET GLOBAL rpl_semi_sync_master_enabled=ON"),
                maria.semiSyncSource(true, 5000));
        assertEquals(List.of("SET GLOBAL rpl_semi_sync_slave_enabled=ON"), maria.semiSyncReplica(true));

        assertEquals("START REPLICA", mysql.startReplica());
        assertEquals("STOP REPLICA", mysql.stopReplica());
        assertEquals("RESET REPLICA ALL", mysql.resetReplicaAll());
        assertEquals("SHOW REPLICA STATUS", mysql.showReplicaStatus());
        assertEquals("SELECT @@GLOBAL.gtid_executed", mysql.gtidExecutedQuery());
        assertEquals("SELECT WAIT_FOR_EXECUTED_GTID_SET('3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5', 10)",
                mysql.waitForGtid("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", 10));
        assertEquals(List.of("SET GLOBAL read_only=ON", "SET GLOBAL super_read_only=ON"), mysql.setReadOnly(true));
        assertEquals(List.of("SET GLOBAL super_read_only=OFF", "SET GLOBAL read_only=OFF"), mysql.setReadOnly(false));
    }

    @Test
    void parsesMariaDbStatus() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Slave_IO_State", "Waiting for master to send event");
        row.put("Master_Host", "10.0.0.5");
        row.put("Master_Port", "3306");
        row.put("Slave_IO_Running", "Yes");
        row.put("Slave_SQL_Running", "Yes");
        row.put("Last_IO_Error", "");
        row.put("Last_SQL_Error", "");
        row.put("Seconds_Behind_Master", "2");
        row.put("Using_Gtid", "Slave_Pos");
        row.put("Gtid_IO_Pos", "0-1-42");
        row.put("Gtid_Slave_Pos", "0-1-40");
        ReplicaStatus s = maria.parseStatus(row);
        assertEquals(new ReplicaStatus(true, true, 2L, "", "", "10.0.0.5", 3306, "0-1-42", "0-1-40"), s);
        assertTrue(s.healthy());

        row.put("Slave_IO_Running", "Connecting");
        row.put("Seconds_Behind_Master", null);
        row.put("Last_IO_Error", "error connecting to master");
        ReplicaStatus broken = maria.parseStatus(row);
        assertFalse(broken.ioRunning());
        assertNull(broken.lagSeconds());
        assertEquals("error connecting to master", broken.lastIoError());
        assertFalse(broken.healthy());
    }

    @Test
    void parsesMySqlStatus() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Replica_IO_State", "Waiting for source to send event");
        row.put("Source_Host", "db1");
        row.put("Source_Port", "3307");
        row.put("Replica_IO_Running", "Yes");
        row.put("Replica_SQL_Running", "No");
        row.put("Last_IO_Error", "");
        row.put("Last_SQL_Error", "Error 'Duplicate entry'");
        row.put("Seconds_Behind_Source", null);
        row.put("Retrieved_Gtid_Set", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        row.put("Executed_Gtid_Set", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1-2");
        ReplicaStatus s = mysql.parseStatus(row);
        assertTrue(s.ioRunning());
        assertFalse(s.sqlRunning());
        assertNull(s.lagSeconds());
        assertEquals("Error 'Duplicate entry'", s.lastSqlError());
        assertEquals("db1", s.sourceHost());
        assertEquals(3307, s.sourcePort());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4e11fa47-71ca-11e1-9e33-c80aa9429562:1-2", s.executedGtid());
        assertFalse(s.healthy());
    }
}
