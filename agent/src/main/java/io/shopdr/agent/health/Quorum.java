package io.shopdr.agent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * DESIGN.md's quorum rule over published votes. Only fresh votes count (written within {@code staleAfter}); a
 * region is declared down when the fresh "down" votes are a strict majority of the fresh votes, at least one of
 * them comes from an observer outside that region, and no fresh vote from the region's own observer says "up" (a
 * region that is merely partitioned keeps voting for itself, so it is not failed over behind its back).
 */
public final class Quorum {
    private final Duration staleAfter;

    public Quorum(Duration staleAfter) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("voteStaleAfter must be positive, got " + staleAfter);
        }
        this.staleAfter = staleAfter;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** Whether a vote was written recently enough to count at {@code now}. */
    public boolean isFresh(Vote vote, Instant now) {
        return !vote.writtenAt().isBefore(now.minus(staleAfter));
    }

    /** Applies the rule to every vote about {@code target} in {@code votes} (votes about other targets are ignored). */
    public QuorumVerdict verdict(String target, Collection<Vote> votes, Instant now) {
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (Vote v : votes) {
            if (!v.target().equals(target)) continue;
            TargetState s = v.targetState();
            if (s == TargetState.UNKNOWN) continue;
            if (!isFresh(v, now)) {
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
        return new QuorumVerdict(target, isDown, isUp, down, up, stale, reason);
    }
}
