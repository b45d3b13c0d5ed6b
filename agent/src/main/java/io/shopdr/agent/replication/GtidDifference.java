package io.shopdr.agent.replication;

import java.util.List;

/**
 * Transactions one server has that another lacks: their count and their GTIDs (ranges written in the engine's own
 * notation). Used for errant transactions (refuse to rejoin) and for the RPO of a failover (what was lost).
 */
public record GtidDifference(long count, List<String> gtids) {
    public GtidDifference {
        gtids = List.copyOf(gtids);
    }

    public static GtidDifference none() {
        return new GtidDifference(0, List.of());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public String toString() {
        return count + " transaction(s)" + (gtids.isEmpty() ? "" : " " + String.join(", ", gtids));
    }
}
