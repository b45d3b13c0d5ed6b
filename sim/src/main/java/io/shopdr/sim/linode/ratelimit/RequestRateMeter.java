package io.shopdr.sim.linode.ratelimit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Requests in the last minute by limit class, answered or refused: what the twin reports as
 * {@code api_requests_per_min}, to compare with each class's limit. Thread-safe.
 */
public final class RequestRateMeter {
    private final Map<LimitClass, SlidingWindow> windows = new EnumMap<>(LimitClass.class);

    public RequestRateMeter() {
        for (LimitClass c : LimitClass.values()) {
            windows.put(c, new SlidingWindow());
        }
    }

    /** Counts one request of {@code limitClass} at {@code at} (calls come in time order). */
    public synchronized void record(LimitClass limitClass, Instant at) {
        windows.get(limitClass).add(at);
    }

    /** Requests of {@code limitClass} in the 60 s ending at {@code now}. */
    public synchronized int perMinute(LimitClass limitClass, Instant now) {
        return windows.get(limitClass).countAt(now);
    }

    /** Every class's requests in the 60 s ending at {@code now}. */
    public synchronized Map<LimitClass, Integer> perMinute(Instant now) {
        Map<LimitClass, Integer> all = new EnumMap<>(LimitClass.class);
        windows.forEach((c, w) -> all.put(c, w.countAt(now)));
        return all;
    }

    /** Whether every class stays at or under {@code share} of its limit at {@code now} (issue 13: share 0.5). */
    public synchronized boolean withinShareOfLimits(double share, Instant now) {
        return windows.entrySet().stream().allMatch(e -> e.getValue().countAt(now) <= share * e.getKey().perMinute());
    }
}
