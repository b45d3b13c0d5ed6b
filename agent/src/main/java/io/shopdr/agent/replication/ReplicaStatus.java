package io.shopdr.agent.replication;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dialect-neutral state of one replica: its threads, lag, last errors, where it replicates from, its GTID positions
 * and how many of the primary's transactions it has not executed yet. {@code lagSeconds} and
 * {@code transactionsBehind} are null when unknown; {@code replica} is null for a status parsed without context.
 */
public record ReplicaStatus(Endpoint replica, boolean ioRunning, boolean sqlRunning, Long lagSeconds,
                            String lastIoError, String lastSqlError, String sourceHost, int sourcePort,
                            String retrievedGtid, String executedGtid, Long transactionsBehind) {

    /** A status parsed from one SHOW SLAVE/REPLICA STATUS row, before the engine adds server and GTID context. */
    public ReplicaStatus(boolean ioRunning, boolean sqlRunning, Long lagSeconds,
                         String lastIoError, String lastSqlError, String sourceHost, int sourcePort,
                         String retrievedGtid, String executedGtid) {
        this(null, ioRunning, sqlRunning, lagSeconds, lastIoError, lastSqlError, sourceHost, sourcePort,
                retrievedGtid, executedGtid, null);
    }

    /** Status of a server that has no replication source configured at all. */
    public static ReplicaStatus notReplicating(Endpoint replica, String executedGtid, Long transactionsBehind) {
        return new ReplicaStatus(replica, false, false, null, "not replicating: no replication source configured", "",
                "", 0, "", executedGtid, transactionsBehind);
    }

    /** True when both threads run and no error is recorded. */
    @JsonProperty("healthy")
    public boolean healthy() {
        return ioRunning && sqlRunning && lastIoError.isEmpty() && lastSqlError.isEmpty();
    }

    /** The same status for {@code replica}, with its executed GTID position and distance from the primary. */
    public ReplicaStatus withContext(Endpoint replica, String executedGtid, Long transactionsBehind) {
        return new ReplicaStatus(replica, ioRunning, sqlRunning, lagSeconds, lastIoError, lastSqlError, sourceHost,
                sourcePort, retrievedGtid, executedGtid == null ? this.executedGtid : normalizeGtid(executedGtid),
                transactionsBehind);
    }

    static Map<String, String> caseInsensitive(Map<String, String> row) {
        Map<String, String> r = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        row.forEach(r::put);
        return r;
    }

    static ReplicaStatus from(Map<String, String> row, String io, String sql, String lag,
                              String host, String port, String retrieved, String executed) {
        Map<String, String> r = caseInsensitive(row);
        String lagValue = r.get(lag);
        String portValue = r.get(port);
        return new ReplicaStatus(
                "Yes".equalsIgnoreCase(r.get(io)),
                "Yes".equalsIgnoreCase(r.get(sql)),
                lagValue == null || lagValue.isBlank() ? null : Long.valueOf(lagValue.trim()),
                nz(r.get("Last_IO_Error")), nz(r.get("Last_SQL_Error")),
                nz(r.get(host)),
                portValue == null || portValue.isBlank() ? 0 : Integer.parseInt(portValue.trim()),
                normalizeGtid(r.get(retrieved)), normalizeGtid(r.get(executed)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String normalizeGtid(String s) {
        return s == null ? "" : s.replaceAll("\\s+", "");
    }
}
