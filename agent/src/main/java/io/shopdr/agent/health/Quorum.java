package io.shopdr.agent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md's quorum rule over published votes. Only fresh votes count (written within {@code staleAfter}); a
 * region is declared down when the fresh "down" votes are a strict majority of the fresh votes, at least one of
 * them comes from an observer outside that region, and no fresh vote from the region's own observer says "up" (a
 * region that is merely partitioned keeps voting for itself, so it is not failed over behind its back).
 *
 * <p>Clock skew is bounded: a vote dated more than {@code maxClockSkew} after the reader's clock was written by an
 * observer whose clock runs ahead; it would otherwise count as fresh for as long as its clock leads. Such a vote
 * counts as absent (its observer is listed as skewed, like a failed probe of that observer) and is logged.
 */
public final class Quorum {
    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);
    /** Default bound on the clock difference between observers: NTP keeps Linodes within milliseconds. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(5);

    private final Duration staleAfter;
    private final Duration maxClockSkew;
    private final Set<String> skewLogged = ConcurrentHashMap.newKeySet();

    public Quorum(Duration staleAfter) {
        this(staleAfter, DEFAULT_MAX_CLOCK_SKEW);
    }

    public Quorum(Duration staleAfter, Duration maxClockSkew) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("voteStaleAfter must be positive, got " + staleAfter);
        }
        if (maxClockSkew.isNegative()) throw new IllegalArgumentException("maxClockSkew must not be negative, got " + maxClockSkew);
        this.staleAfter = staleAfter;
        this.maxClockSkew = maxClockSkew;
    }

    /** Whether the vote is dated further in the future than the clock-skew bound allows. */
    public boolean isSkewed(Vote vote, Instant now) {
        return vote.writtenAt().isAfter(now.plus(maxClockSkew));
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** Whether a vote was written recently enough to count at {@code now} (and not dated beyond the skew bound). */
    public boolean isFresh(Vote vote, Instant now) {
        return !vote.writtenAt().isBefore(now.minus(staleAfter)) && !isSkewed(vote, now);
    }

    /** Applies the rule to every vote about {@code target} in {@code votes} (votes about other targets are ignored). */
    public QuorumVerdict verdict(String target, Collection<Vote> votes, Instant now) {
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> skewed = new ArrayList<>();
        for (Vote v : votes) {
            if (!v.target().equals(target)) continue;
            TargetState s = v.targetState();
            if (s == TargetState.UNKNOWN) continue;
            if (isSkewed(v, now)) {
                skewed.add(v.observer());
                if (skewLogged.add(v.observer() + "@" + v.at())) {
                    LOG.warn("vote of " + v.observer() + " about " + target + " is dated " + v.at() + ", more than "
                            + maxClockSkew.toMillis() + " ms after this clock (" + now + "): ignored as clock-skewed;"
                            + " fix NTP on " + v.observer());
                }
            } else if (!isFresh(v, now)) {
                stale.add(v.observer());
            } else if (s == TargetState.DOWN) {
                down.add(v.observer());
            } else {
                up.add(v.observer());
            }
        }
        int fresh = down.size() + up.size();
        boolean majorityDown = down.size() * 2 > fresh;
        boolean outsider = down.stream().anyMatch(o -> !o.equals(target));
        boolean ownSaysUp = up.contains(target);
        boolean isDown = majorityDown && outsider && !ownSaysUp;
        boolean isUp = up.size() * 2 > fresh;
        String reason;
        if (fresh == 0) {
            reason = "no fresh votes about " + target + (stale.isEmpty() ? "" : " (stale: " + String.join(", ", stale) + ")");
        } else if (isDown) {
            reason = down.size() + "/" + fresh + " fresh votes say " + target + " is down (" + String.join(", ", down) + ")";
        } else if (majorityDown && ownSaysUp) {
            reason = target + "'s own observer still sees it up (" + down.size() + "/" + fresh + " down): treated as a partition";
        } else if (majorityDown) {
            reason = "only observers inside " + target + " see it down (" + String.join(", ", down) + ")";
        } else {
            reason = down.size() + "/" + fresh + " fresh votes say " + target + " is down: no majority";
        }
        if (!skewed.isEmpty()) reason += "; ignored as clock-skewed: " + String.join(", ", skewed);
        return new QuorumVerdict(target, isDown, isUp, down, up, stale, skewed, reason);
    }
}
