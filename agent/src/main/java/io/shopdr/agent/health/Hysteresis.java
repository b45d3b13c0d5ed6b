package io.shopdr.agent.health;

import java.time.Instant;

/**
 * Per-target hysteresis: {@code failuresToDown} consecutive failed probes mark a target DOWN, {@code successesToUp}
 * consecutive healthy probes mark it UP; anything in between keeps the last state, so a flapping target never
 * changes state (and never causes a failover). Not thread-safe: one observer thread owns it.
 */
public final class Hysteresis {
    private final int failuresToDown;
    private final int successesToUp;
    private TargetState state = TargetState.UNKNOWN;
    private Instant since;
    private int consecutiveFailures;
    private int consecutiveSuccesses;

    public Hysteresis(int failuresToDown, int successesToUp) {
        if (failuresToDown < 1) throw new IllegalArgumentException("failureThreshold must be ≥ 1, got " + failuresToDown);
        if (successesToUp < 1) throw new IllegalArgumentException("successThreshold must be ≥ 1, got " + successesToUp);
        this.failuresToDown = failuresToDown;
        this.successesToUp = successesToUp;
    }

    /** Records one probe outcome; returns true when the state changed. */
    public boolean record(boolean healthy, Instant now) {
        if (healthy) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
            if (state != TargetState.UP && consecutiveSuccesses >= successesToUp) return change(TargetState.UP, now);
        } else {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
            if (state != TargetState.DOWN && consecutiveFailures >= failuresToDown) return change(TargetState.DOWN, now);
        }
        return false;
    }

    private boolean change(TargetState to, Instant now) {
        state = to;
        since = now;
        return true;
    }

    public TargetState state() {
        return state;
    }

    /** When the current state was reached (null while UNKNOWN). */
    public Instant since() {
        return since;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
