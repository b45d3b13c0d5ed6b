package io.shopdr.agent.replication;

import java.util.Map;
import java.util.TreeMap;

/** Dialect-neutral view of one SHOW SLAVE/REPLICA STATUS row; {@code lagSeconds} is null when unknown (NULL). */
public record ReplicaStatus(boolean ioRunning, boolean sqlRunning, Long lagSeconds,
                            String lastIoError, String lastSqlError, String sourceHost, int sourcePort,
                            String retrievedGtid, String executedGtid) {

    /** True when both threads run and no error is recorded. */
    public boolean healthy() {
        return ioRunning && sqlRunning && lastIoError.isEmpty() && lastSqlError.isEmpty();
    }

    static ReplicaStatus from(Map<String, String> row, String io, String sql, String lag,
                              String host, String port, String retrieved, String executed) {
        Map<String, String> r = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        row.forEach((k, v) -> r.put(k, v));
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
