package io.shopdr.agent.failover;

import java.time.Duration;
import java.util.Optional;

/**
 * The database operations the controller and the failback command perform, in terms of regions. The
 * implementation on the replication engine is {@link EngineRegionDatabases}; the interface keeps the controller's
 * state machine free of connection details.
 */
public interface RegionDatabases {

    /** The executed GTID set of the region's database; throws when it cannot be read within {@code timeout}. */
    String gtidPosition(String region, Duration timeout);

    /** Makes the region's database read-only (SQL fence); false when it was not reachable within {@code timeout}. */
    boolean fence(String region, Duration timeout);

    /**
     * Promotes the most advanced standby after {@code oldPrimary} was lost and re-points the other standbys;
     * {@code lastSeenPrimaryGtid} is what the old primary was last seen to have (for the RPO estimate).
     */
    Promotion failover(String oldPrimary, Optional<String> lastSeenPrimaryGtid);

    /**
     * Planned, loss-free move of the primary role from {@code from} to {@code to}: makes {@code to} a caught-up
     * replica first (refusing, with the re-clone instructions, when it has errant transactions), then switches.
     */
    void switchover(String from, String to, Duration timeout);

    /**
     * Replication lag per standby region while {@code primary} is primary: seconds behind (null when unknown) —
     * for the controller's metrics.
     */
    default java.util.Map<String, Long> replicationLagSeconds(String primary) {
        return java.util.Map.of();
    }
}
