package io.shopdr.agent.replication;

import java.util.List;

/**
 * What configure did to one replica ({@code actions} empty = nothing changed), whether it executed the primary's
 * position within the wait bound, and its status afterwards.
 */
public record ConfiguredReplica(Endpoint replica, boolean changed, List<String> actions, boolean caughtUp,
                                ReplicaStatus status) {
    public ConfiguredReplica {
        actions = List.copyOf(actions);
    }
}
