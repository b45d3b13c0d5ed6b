package io.shopdr.agent.failover;

import io.shopdr.agent.replication.SemiSyncDurability;
import io.shopdr.agent.replication.StandbyReceipt;
import io.shopdr.agent.replication.SwitchoverStep;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The database operations the controller and the failback command perform, in terms of regions. The
 * implementation on the replication engine is {@link EngineRegionDatabases}; the interface keeps the controller's
 * state machine free of connection details.
 */
public interface RegionDatabases {

    /** The executed GTID set of the region's database; throws when it cannot be read within {@code timeout}. */
    String gtidPosition(String region, Duration timeout);

    /**
     * Fences the region's database: every client session ended and read-only (the self-fence of a primary that lost
     * the quorum, and the fence of a replaced primary); false when it did not take effect within {@code timeout}.
     */
    boolean fence(String region, Duration timeout);

    /**
     * Switches semi-sync off on {@code primary}, whose standbys the quorum declared down, within {@code timeout}, so
     * its waiting commits are acknowledged (durability degraded); returns how many standby replication sessions ended.
     */
    int releaseSemiSync(String primary, Duration timeout);

    /**
     * Switches semi-sync back on at {@code primary} once a standby is attached and caught up, within {@code timeout};
     * returns the standby regions that acknowledge again (empty: nothing to restore yet).
     */
    List<String> restoreSemiSync(String primary, Duration timeout);

    /** Makes the region's database writable again (a self-fenced primary that regained the quorum). */
    void lift(String region);

    /** Whether the region's database is a writable server replicating from nobody; throws when unreachable. */
    boolean isPrimary(String region, Duration timeout);

    /**
     * Promotes the most advanced standby after {@code oldPrimary} was lost and re-points the other standbys;
     * {@code reference} is a position the old primary committed (its final one when known), against which the
     * transactions the new primary lacks are counted.
     */
    Promotion failover(String oldPrimary, Optional<String> reference);

    /**
     * Makes every standby but {@code oldPrimary} a replica of {@code newPrimary} (read-only, replicating from it;
     * nothing changes for one that already is): what a failover interrupted between its promotion and its re-pointing
     * leaves to its successor. Returns one line per standby saying what was done or why it could not be (a standby
     * with transactions the new primary lacks is left alone, to be re-cloned); never throws for one standby's failure.
     */
    List<String> repointStandbys(String newPrimary, String oldPrimary, Duration timeout);

    /**
     * Planned, loss-free move of the primary role from {@code from} to {@code to}: makes {@code to} a caught-up
     * replica first (refusing, with the re-clone instructions, when it has errant transactions), then switches,
     * telling {@code progress} each {@link SwitchoverStep} as it is reached (what a failure that follows leaves to
     * undo).
     */
    void switchover(String from, String to, Duration timeout, Consumer<SwitchoverStep> progress);

    /**
     * Makes {@code node} a read-only replica of {@code primary} that executed everything {@code primary} has, within
     * {@code timeout}; changes nothing on one that already is. Refuses ({@code DivergedException}) a node with
     * transactions {@code primary} lacks.
     */
    void rejoin(String primary, String node, Duration timeout);

    /**
     * What each of {@code standbys} (standby regions of {@code primary}) received, its lag and how many transactions
     * of {@code reference} it lacks; standbys not reachable within {@code timeout} are left out (the probe cycle passes
     * a short budget and only the standbys that answer their probes: a standby region that hangs must not delay the
     * primary's votes).
     */
    Map<String, StandbyReceipt> receipts(String primary, Collection<String> standbys, Optional<String> reference, Duration timeout);

    /** Semi-sync durability of {@code primary}'s database now; throws when it cannot be read. */
    SemiSyncDurability durability(String primary, Duration timeout);

    /**
     * Replication lag per standby region while {@code primary} is primary: seconds behind (null when unknown) —
     * for the controller's metrics.
     */
    default Map<String, Long> replicationLagSeconds(String primary) {
        return Map.of();
    }

}
