package io.shopdr.agent.replication;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Outcome of a failover: the promoted replica, the RPO (transactions the old primary was last seen to have that
 * the new primary lacks; null when no last-seen position was given, i.e. unknown), who was re-pointed and
 * anything left for the operator.
 */
public record FailoverReport(Endpoint oldPrimary, Endpoint newPrimary, String newPrimaryGtid,
                             Long rpoTransactions, List<String> lostGtids, List<Endpoint> repointed,
                             List<String> warnings, Duration duration) {
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
