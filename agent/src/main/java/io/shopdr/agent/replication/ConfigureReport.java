package io.shopdr.agent.replication;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Outcome of {@link ReplicationEngine#configure}: the changes made on the primary and each replica (none on a
 * healthy topology), the primary position waited for, and every replica's status.
 */
public record ConfigureReport(Endpoint primary, String primaryGtid, List<String> primaryActions,
                              List<ConfiguredReplica> replicas) {
    public ConfigureReport {
        primaryActions = List.copyOf(primaryActions);
        replicas = List.copyOf(replicas);
    }

    /** True when anything was changed anywhere. */
    @JsonProperty("changed")
    public boolean changed() {
        return !primaryActions.isEmpty() || replicas.stream().anyMatch(ConfiguredReplica::changed);
    }

    /** The goal holds: every replica runs both threads without error and executed the primary's position. */
    @JsonProperty("ok")
    public boolean ok() {
        return replicas.stream().allMatch(r -> r.caughtUp() && r.status().healthy());
    }
}
