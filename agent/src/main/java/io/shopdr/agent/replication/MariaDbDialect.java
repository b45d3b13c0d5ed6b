package io.shopdr.agent.replication;

import java.util.List;
import java.util.Map;

/** MariaDB 10.11+ replication SQL: CHANGE MASTER with MASTER_USE_GTID=slave_pos, SLAVE keywords, MASTER_GTID_WAIT. */
public final class MariaDbDialect implements Dialect {
    @Override public String name() { return "MariaDB"; }

    @Override
    public String changeSource(SourceConfig s) {
        StringBuilder b = new StringBuilder("CHANGE MASTER TO MASTER_HOST=").append(Dialect.quote(s.host()))
                .append(", MASTER_PORT=").append(s.port())
                .append(", MASTER_USER=").append(Dialect.quote(s.user()))
                .append(", MASTER_PASSWORD=").append(Dialect.quote(s.password()))
                .append(", MASTER_USE_GTID=slave_pos")
                .append(", MASTER_HEARTBEAT_PERIOD=").append(s.heartbeatSeconds())
                .append(", MASTER_CONNECT_RETRY=").append(s.connectRetrySeconds());
        if (s.tls()) {
            b.append(", MASTER_SSL=1, MASTER_SSL_CA=").append(Dialect.quote(s.tlsCaPath()))
                    .append(", MASTER_SSL_VERIFY_SERVER_CERT=").append(s.verifyServerCert() ? 1 : 0);
        } else {
            b.append(", MASTER_SSL=0, MASTER_SSL_VERIFY_SERVER_CERT=0");
        }
        return b.toString();
    }

    @Override public String startReplica() { return "START SLAVE"; }
    @Override public String stopReplica() { return "STOP SLAVE"; }
    @Override public String resetReplicaAll() { return "RESET SLAVE ALL"; }
    @Override public String showReplicaStatus() { return "SHOW SLAVE STATUS"; }
    @Override public String gtidExecutedQuery() { return "SELECT @@GLOBAL.gtid_current_pos"; }

    @Override
    public String waitForGtid(String gtid, int timeoutSeconds) {
        return "SELECT MASTER_GTID_WAIT(" + Dialect.quote(gtid) + ", " + timeoutSeconds + ")";
    }

    @Override
    public List<String> setReadOnly(boolean readOnly) {
        return List.of("SET GLOBAL read_only=" + (readOnly ? "ON" : "OFF"));
    }

    /**
     * Parses SHOW SLAVE STATUS; note MariaDB 11.4 only reports {@code Gtid_Slave_Pos} in SHOW ALL SLAVES STATUS,
     * so {@code executedGtid} is empty for a plain SHOW SLAVE STATUS row (use {@link #gtidExecutedQuery()}).
     */
    @Override
    public ReplicaStatus parseStatus(Map<String, String> row) {
        return ReplicaStatus.from(row, "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master",
                "Master_Host", "Master_Port", "Gtid_IO_Pos", "Gtid_Slave_Pos");
    }

    @Override public String stopReplicaIoThread() { return "STOP SLAVE IO_THREAD"; }
    @Override public String gtidEnabledQuery() { return "SELECT 1"; }
    @Override public String readOnlyQuery() { return "SELECT @@GLOBAL.read_only"; }

    @Override
    public String gtidHistoryQuery() {
        return "SELECT CONCAT_WS(',', @@GLOBAL.gtid_binlog_state, @@GLOBAL.gtid_current_pos)";
    }

    @Override
    public GtidDifference missingTransactions(String have, String want) {
        return MariaDbGtids.missingRanges(have, want);
    }

    @Override
    public GtidDifference errantTransactions(String nodeExecuted, String sourceHistory) {
        return MariaDbGtids.errant(nodeExecuted, sourceHistory);
    }

    @Override
    public List<String> prepareReplica() {
        return List.of("SET GLOBAL gtid_slave_pos = @@GLOBAL.gtid_current_pos");
    }

    @Override
    public boolean sourceMatches(Map<String, String> row, SourceConfig d) {
        Map<String, String> r = ReplicaStatus.caseInsensitive(row);
        boolean ssl = "Yes".equalsIgnoreCase(r.get("Master_SSL_Allowed"));
        boolean verify = "Yes".equalsIgnoreCase(r.get("Master_SSL_Verify_Server_Cert"));
        return d.host().equals(r.get("Master_Host"))
                && String.valueOf(d.port()).equals(r.get("Master_Port"))
                && d.user().equals(r.get("Master_User"))
                && "Slave_Pos".equalsIgnoreCase(r.get("Using_Gtid"))
                && String.valueOf(d.connectRetrySeconds()).equals(r.get("Connect_Retry"))
                && ssl == d.tls()
                && (!d.tls() || (d.tlsCaPath().equals(r.get("Master_SSL_CA_File")) && verify == d.verifyServerCert()));
    }

    @Override
    public List<String> semiSyncSource(boolean enabled, long timeoutMillis) {
        return enabled
                ? List.of("SET GLOBAL rpl_semi_sync_master_wait_point=AFTER_SYNC",
                        "SET GLOBAL rpl_semi_sync_master_timeout=" + timeoutMillis,
                        "SET GLOBAL rpl_semi_sync_master_wait_no_slave=ON",
                        "SET GLOBAL rpl_semi_sync_master_enabled=ON")
                : List.of("SET GLOBAL rpl_semi_sync_master_enabled=OFF");
    }

    @Override
    public List<String> semiSyncReplica(boolean enabled) {
        return List.of("SET GLOBAL rpl_semi_sync_slave_enabled=" + (enabled ? "ON" : "OFF"));
    }

    @Override public String semiSyncSourceStatusPrefix() { return "Rpl_semi_sync_master_"; }
    @Override public String semiSyncSourceQuery() { return "SELECT @@GLOBAL.rpl_semi_sync_master_enabled"; }
    @Override public String semiSyncReplicaQuery() { return "SELECT @@GLOBAL.rpl_semi_sync_slave_enabled"; }
}
