package io.shopdr.agent.replication;

import java.time.Duration;
import java.util.List;

/** Outcome of a planned switchover: who is primary now, the GTID position at the switch, who was re-pointed. */
public record SwitchoverReport(Endpoint oldPrimary, Endpoint newPrimary, String gtidAtSwitch,
                               List<Endpoint> repointed, Duration duration) {
    public SwitchoverReport {
        repointed = List.copyOf(repointed);
    }
}
