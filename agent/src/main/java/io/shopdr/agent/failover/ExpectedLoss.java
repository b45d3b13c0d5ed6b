package io.shopdr.agent.failover;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What an automatic failover would lose if it promoted now, as far as the controller can know at the moment of
 * decision:
 * <ul>
 * <li>{@code missingTransactions}: transactions the old primary was last observed to have committed that no
 *     reachable standby received (its relay log, {@code Gtid_IO_Pos}); empty when the primary's position was never
 *     observed. A floor: commits after the last observation are not in it.</li>
 * <li>{@code semiSyncHealthy}: at the last observation the primary ran lossless semi-sync with a replica
 *     acknowledging, so every acknowledged commit is in some standby's relay log (nothing beyond the floor).</li>
 * <li>{@code lagSeconds}: otherwise (asynchronous or degraded semi-sync) the best standby's last observed lag, which
 *     bounds how many seconds of commits after the floor may be lost; null when never observed.</li>
 * </ul>
 */
public record ExpectedLoss(String bestStandby, OptionalLong missingTransactions, boolean semiSyncHealthy, Long lagSeconds) {

    /**
     * Within budget when the floor is at most {@code maxTransactions} and nothing beyond it is at risk: semi-sync
     * was healthy, or the last observed lag was at most {@code maxLag}. Unknown loss is never within budget.
     */
    public boolean within(long maxTransactions, Duration maxLag) {
        if (missingTransactions.isPresent() && missingTransactions.getAsLong() > maxTransactions) return false;
        if (semiSyncHealthy) return true;
        return lagSeconds != null && lagSeconds <= maxLag.toSeconds();
    }

    /** One line for the incident, the state reason and the held event. */
    public String describe() {
        String floor = missingTransactions.isPresent() ? missingTransactions.getAsLong() + " transaction(s) the standbys never received"
                : "the primary's last position was never observed";
        String beyond = semiSyncHealthy ? "semi-sync was acknowledging: nothing acknowledged beyond that"
                : lagSeconds == null ? "replication lag unknown" : "up to " + lagSeconds + " s of commits after it (last observed lag)";
        return "expected loss promoting " + (bestStandby == null ? "a standby" : bestStandby) + ": " + floor + "; " + beyond;
    }
}
