package io.shopdr.agent.replication;

import java.util.List;

/** Outcome of rejoining a former primary as a replica of the current primary, with its status afterwards. */
public record RejoinReport(Endpoint node, Endpoint primary, List<String> actions, boolean caughtUp, ReplicaStatus status) {
    public RejoinReport {
        actions = List.copyOf(actions);
    }
}
