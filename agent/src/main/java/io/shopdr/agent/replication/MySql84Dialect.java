package io.shopdr.agent.replication;

import java.util.List;
import java.util.Map;

/** MySQL 8.4 replication SQL: CHANGE REPLICATION SOURCE with SOURCE_AUTO_POSITION=1, REPLICA keywords, WAIT_FOR_EXECUTED_GTID_SET. */
public final class MySql84Dialect implements Dialect {
    @Override public String name() { return "MySQL 8.4"; }

    @Override
    public String changeSource(SourceConfig s) {
        StringBuilder b = new StringBuilder("CHANGE REPLICATION SOURCE TO SOURCE_HOST=").append(Dialect.quote(s.host()))
                .append(", SOURCE_PORT=").append(s.port())
                .append(", SOURCE_USER=").append(Dialect.quote(s.user()))
                .append(", SOURCE_PASSWORD=").append(Dialect.quote(s.password()))
                .append(", SOURCE_AUTO_POSITION=1")
                .append(", SOURCE_HEARTBEAT_PERIOD=").append(s.heartbeatSeconds())
                .append(", SOURCE_CONNECT_RETRY=").append(s.connectRetrySeconds());
        if (s.tls()) {
            b.append(", SOURCE_SSL=1, SOURCE_SSL_CA=").append(Dialect.quote(s.tlsCaPath()))
                    .append(", SOURCE_SSL_VERIFY_SERVER_CERT=").append(s.verifyServerCert() ? 1 : 0);
        } else {
            // caching_sha2_password over plain TCP needs the RSA public key exchange.
            b.append(", SOURCE_SSL=0, GET_SOURCE_PUBLIC_KEY=1");
        }
        return b.toString();
    }

    @Override public String startReplica() { return "START REPLICA"; }
    @Override public String stopReplica() { return "STOP REPLICA"; }
    @Override public String resetReplicaAll() { return "RESET REPLICA ALL"; }
    @Override public String showReplicaStatus() { return "SHOW REPLICA STATUS"; }
    @Override public String gtidExecutedQuery() { return "SELECT @@GLOBAL.gtid_executed"; }

    @Override
    public String waitForGtid(String gtid, int timeoutSeconds) {
        return "SELECT WAIT_FOR_EXECUTED_GTID_SET(" + Dialect.quote(gtid) + ", " + timeoutSeconds + ")";
    }

    @Override
    public List<String> setReadOnly(boolean readOnly) {
        return readOnly
                ? List.of("SET GLOBAL read_only=ON", "SET GLOBAL super_read_only=ON")
                : List.of("SET GLOBAL super_read_only=OFF", "SET GLOBAL read_only=OFF");
    }

    @Override
    public ReplicaStatus parseStatus(Map<String, String> row) {
        return ReplicaStatus.from(row, "Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source",
                "Source_Host", "Source_Port", "Retrieved_Gtid_Set", "Executed_Gtid_Set");
    }

    @Override public String stopReplicaIoThread() { return "STOP REPLICA IO_THREAD"; }

    @Override
    public String gtidEnabledQuery() {
        return "SELECT @@GLOBAL.gtid_mode = 'ON' AND @@GLOBAL.enforce_gtid_consistency = 'ON'";
    }

    @Override public String readOnlyQuery() { return "SELECT @@GLOBAL.read_only AND @@GLOBAL.super_read_only"; }
    @Override public String gtidHistoryQuery() { return "SELECT @@GLOBAL.gtid_executed"; }
    @Override public String superReadOnlyQuery() { return "SELECT @@GLOBAL.super_read_only"; }

    /** read_only stays ON throughout, so the application still cannot write while the window is open. */
    @Override
    public List<String> adminWriteWindow(boolean open) {
        return List.of("SET GLOBAL super_read_only=" + (open ? "OFF" : "ON"));
    }

    @Override
    public GtidDifference missingTransactions(String have, String want) {
        return MySqlGtids.subtract(want, have);
    }

    @Override
    public GtidDifference errantTransactions(String nodeExecuted, String sourceHistory) {
        return MySqlGtids.subtract(nodeExecuted, sourceHistory);
    }

    /** Auto-positioning already sends gtid_executed, a demoted primary's own transactions included. */
    @Override
    public List<String> prepareReplica() {
        return List.of();
    }

    @Override
    public boolean sourceMatches(Map<String, String> row, SourceConfig d) {
        Map<String, String> r = ReplicaStatus.caseInsensitive(row);
        boolean ssl = "Yes".equalsIgnoreCase(r.get("Source_SSL_Allowed"));
        boolean verify = "Yes".equalsIgnoreCase(r.get("Source_SSL_Verify_Server_Cert"));
        return d.host().equals(r.get("Source_Host"))
                && String.valueOf(d.port()).equals(r.get("Source_Port"))
                && d.user().equals(r.get("Source_User"))
                && "1".equals(r.get("Auto_Position"))
                && String.valueOf(d.connectRetrySeconds()).equals(r.get("Connect_Retry"))
                && ssl == d.tls()
                && (!d.tls() || (d.tlsCaPath().equals(r.get("Source_SSL_CA_File")) && verify == d.verifyServerCert()));
    }

    /** The semisync plugins are installed on first use (INSTALL PLUGIN is persisted, so this runs once). */
    @Override
    public List<String> semiSyncSource(boolean enabled, long timeoutMillis) {
        return enabled
                ? List.of("INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'",
                        "SET GLOBAL rpl_semi_sync_source_wait_point=AFTER_SYNC",
                        "SET GLOBAL rpl_semi_sync_source_timeout=" + timeoutMillis,
                        "SET GLOBAL rpl_semi_sync_source_wait_no_replica=ON",
                        "SET GLOBAL rpl_semi_sync_source_enabled=ON")
                : List.of("SET GLOBAL rpl_semi_sync_source_enabled=OFF");
    }

    @Override
    public String semiSyncSourceStatusPrefix() {
        return "Rpl_semi_sync_source_";
    }

    @Override
    public List<String> semiSyncReplica(boolean enabled) {
        return enabled
                ? List.of("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'",
                        "SET GLOBAL rpl_semi_sync_replica_enabled=ON")
                : List.of("SET GLOBAL rpl_semi_sync_replica_enabled=OFF");
    }

    @Override
    public String semiSyncSourceQuery() {
        return "SELECT COALESCE((SELECT VARIABLE_VALUE = 'ON' FROM performance_schema.global_variables"
                + " WHERE VARIABLE_NAME = 'rpl_semi_sync_source_enabled'), 0)";
    }

    @Override
    public String semiSyncReplicaQuery() {
        return "SELECT COALESCE((SELECT VARIABLE_VALUE = 'ON' FROM performance_schema.global_variables"
                + " WHERE VARIABLE_NAME = 'rpl_semi_sync_replica_enabled'), 0)";
    }
}
