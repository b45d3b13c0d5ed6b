package io.shopdr.agent.replication;

import java.util.List;
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

    /** Statements making the server read-only (or writable) for all clients but replication (and, on MariaDB, admins). */
    java.util.List<String> setReadOnly(boolean readOnly);

    /** Parses one SHOW SLAVE/REPLICA STATUS row (column label → value). */
    ReplicaStatus parseStatus(Map<String, String> row);

    /** Stops only the receiver (IO) thread, so the applier can drain the relay log during a failover. */
    String stopReplicaIoThread();

    /** Query returning 1 when binary logging is on. */
    default String binlogEnabledQuery() {
        return "SELECT @@GLOBAL.log_bin";
    }

    /** Query returning 1 when GTID-based replication is usable on this server. */
    String gtidEnabledQuery();

    /** Query returning this server's server_id. */
    default String serverIdQuery() {
        return "SELECT @@GLOBAL.server_id";
    }

    /** Query returning 1 when the server refuses writes from ordinary (non-admin) clients. */
    String readOnlyQuery();

    /**
     * Query returning the server's GTID history in the form {@link #errantTransactions} expects as its source
     * argument (MariaDB: binlog state plus current position; MySQL: gtid_executed).
     */
    String gtidHistoryQuery();

    /** Transactions in {@code want} (an executed position/set) that {@code have} lacks, with their GTIDs. */
    GtidDifference missingTransactions(String have, String want);

    /** Transactions in the node's executed position that are not in {@code sourceHistory} ({@link #gtidHistoryQuery()}). */
    GtidDifference errantTransactions(String nodeExecuted, String sourceHistory);

    /**
     * Statements (run with binary logging off for the session) that create or update the replication user with
     * replication privilege only; {@code requireTls} makes the server refuse it over plain TCP.
     */
    default List<String> replicationUser(String user, String password, boolean requireTls) {
        String account = Dialect.quote(user) + "@'%'";
        return List.of(
                "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + Dialect.quote(password),
                "ALTER USER " + account + " IDENTIFIED BY " + Dialect.quote(password) + (requireTls ? " REQUIRE SSL" : " REQUIRE NONE"),
                "GRANT REPLICATION SLAVE ON *.* TO " + account);
    }

    /** Query returning the replication user's TLS requirement (one row, '' or ANY/X509/SPECIFIED) or no row when absent. */
    default String replicationUserQuery(String user) {
        return "SELECT ssl_type FROM mysql.user WHERE User=" + Dialect.quote(user) + " AND Host='%'";
    }

    /** Query listing the replication user's grants (one row per GRANT statement). */
    default String replicationGrantsQuery(String user) {
        return "SHOW GRANTS FOR " + Dialect.quote(user) + "@'%'";
    }

    /**
     * Statements run on a stopped replica before CHANGE MASTER/SOURCE so GTID auto-positioning starts after
     * everything the server already has (a demoted primary's own transactions included).
     */
    List<String> prepareReplica();

    /** True when the status row already describes {@code desired} (host, port, user, GTID mode, TLS settings, retry). */
    boolean sourceMatches(Map<String, String> row, SourceConfig desired);

    /**
     * Statements turning lossless (after-sync) semi-synchronous replication on or off on a primary, with a bounded
     * acknowledgement timeout. Enabling also makes the primary keep waiting when its last semi-sync replica leaves
     * (MariaDB {@code rpl_semi_sync_master_wait_no_slave=ON}, MySQL {@code rpl_semi_sync_source_wait_no_replica=ON}):
     * with OFF, a replica that dies or is promoted away silently turns the primary asynchronous the moment its
     * connection closes, and a zombie or cut-off primary acknowledges commits no other region has. Availability when
     * every standby is really gone is the controller's job, on the quorum's evidence (it switches the primary side
     * off: {@code ReplicationEngine#releaseSemiSync}).
     */
    List<String> semiSyncSource(boolean enabled, long timeoutMillis);

    /** Statements turning the semi-synchronous replica side on or off (takes effect when the IO thread restarts). */
    List<String> semiSyncReplica(boolean enabled);

    /**
     * Query returning 1 when even admins cannot write (MySQL super_read_only), so the engine must open a short
     * admin-only write window for its own unlogged maintenance; null when the flavour has no such mode.
     */
    default String superReadOnlyQuery() {
        return null;
    }

    /** Statements opening ({@code true}) or closing the admin-only write window; ordinary clients stay read-only. */
    default List<String> adminWriteWindow(boolean open) {
        return List.of();
    }

    /**
     * Prefix of the semi-sync primary's status variables ({@code SHOW GLOBAL STATUS LIKE 'prefix%'}): {@code status}
     * (ON while commits wait for acknowledgements) and {@code clients} (connected semi-sync replicas) follow it.
     */
    String semiSyncSourceStatusPrefix();

    /** Query returning 1 when this server acts as a semi-synchronous primary. */
    String semiSyncSourceQuery();

    /** Query returning 1 when this server acts as a semi-synchronous replica. */
    String semiSyncReplicaQuery();

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
