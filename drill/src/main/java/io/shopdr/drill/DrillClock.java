package io.shopdr.drill;

/** Milliseconds since the drill started, from the monotonic clock, so every phase and sample shares one time axis. */
public final class DrillClock {
    private final long startNanos = System.nanoTime();
    private final long startEpochMs = System.currentTimeMillis();

    public long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The wall-clock instant of drill time {@code drillMs} (to compare with clients' attempts, which carry instants). */
    public java.time.Instant instantOf(long drillMs) {
        return java.time.Instant.ofEpochMilli(startEpochMs + drillMs);
    }

    /** Wall-clock time of the drill's start (for the report's heading). */
    public long startEpochMs() {
        return startEpochMs;
    }
}
