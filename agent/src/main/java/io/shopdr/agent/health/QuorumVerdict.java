package io.shopdr.agent.health;

import java.util.List;

/**
 * The quorum's answer about one region: {@code down} when the rule declares it down, {@code up} when a majority of
 * the fresh votes see it up; {@code skewedObservers} wrote votes dated beyond the clock-skew bound (ignored);
 * {@code reason} explains the count for logs and incident timelines.
 */
public record QuorumVerdict(String target, boolean down, boolean up, List<String> downObservers,
                            List<String> upObservers, List<String> staleObservers, List<String> skewedObservers,
                            String reason) {

    public QuorumVerdict {
        downObservers = List.copyOf(downObservers);
        upObservers = List.copyOf(upObservers);
        staleObservers = List.copyOf(staleObservers);
        skewedObservers = List.copyOf(skewedObservers);
    }

    public int freshVotes() {
        return downObservers.size() + upObservers.size();
    }
}
