package io.shopdr.agent.replication;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Produces every replication SQL statement for one server flavour (MariaDB or MySQL 8.4) and parses its replica status. */
public interface Dialect {

    /** Human-readable flavour name. */
    String name();

    /** CHANGE MASTER / CHANGE REPLICATION SOURCE statement using GTID auto-positioning. */
    String changeSource(SourceConfig source);

    String startReplica();

    String stopReplica();

    /** Forgets all replica configuration (used when promoting). */
    String resetReplicaAll();

    String showReplicaStatus();

    /** Query returning (one row, one column) the GTID set/position this server has applied. */
    String gtidExecutedQuery();

    /** Query returning the wait result: 0 when {@code gtid} was applied within the timeout, otherwise non-zero. */
    String waitForGtid(String gtid, int timeoutSeconds);

    /** Statements making the server read-only (or writable) for all non-replication clients. */
    java.util.List<String> setReadOnly(boolean readOnly);

    /** Parses one SHOW SLAVE/REPLICA STATUS row (column label → value). */
    ReplicaStatus parseStatus(Map<String, String> row);

    /** Picks the dialect from a {@code SELECT VERSION()} string. */
    static Dialect forVersion(String versionString) {
        if (versionString == null || versionString.isBlank()) throw new IllegalArgumentException("empty server version");
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(versionString.trim());
        if (!m.find()) throw new IllegalArgumentException("unparseable server version: " + versionString);
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (versionString.toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
            if (major > 10 || (major == 10 && minor >= 11)) return new MariaDbDialect();
            throw new IllegalArgumentException("unsupported MariaDB version " + versionString + " (need 10.11+)");
        }
        if (major == 8 && minor == 4) return new MySql84Dialect();
        throw new IllegalArgumentException("unsupported server version " + versionString + " (need MariaDB 10.11+ or MySQL 8.4)");
    }

    /** SQL single-quoted string literal. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
