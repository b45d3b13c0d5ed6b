package io.shopdr.agent.replication;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Outcome of a failover: the promoted replica, the RPO (transactions the old primary was last seen to have that
 * the new primary lacks; null when no last-seen position was given, i.e. unknown), who was re-pointed and
 * anything left for the operator. {@code semiSyncReleased}: the stack runs semi-sync but no replica was re-pointed, so
 * the new primary's semi-sync side stays off (durability degraded, commits never wait for an acknowledgement that
 * cannot come) until a replica is attached and caught up ({@link ReplicationEngine#rejoin}, or its controller).
 */
public record FailoverReport(Endpoint oldPrimary, Endpoint newPrimary, String newPrimaryGtid,
                             Long rpoTransactions, List<String> lostGtids, List<Endpoint> repointed,
                             boolean semiSyncReleased, List<String> warnings, Duration duration) {
    public FailoverReport {
        lostGtids = List.copyOf(lostGtids);
        repointed = List.copyOf(repointed);
        warnings = List.copyOf(warnings);
    }

    /** True when the RPO could be computed. */
    @JsonProperty("rpoKnown")
    public boolean rpoKnown() {
        return rpoTransactions != null;
    }
}
