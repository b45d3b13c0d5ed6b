package io.shopdr.sim.linode.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Linode's default per-user limits over a sliding 60 s window, per user (the OAuth token) and per
 * {@link LimitClass}. A refused request does not count against the window. Thread-safe.
 */
public final class LinodeRateLimiter {
    private final Map<String, SlidingWindow> windows = new HashMap<>();

    /**
     * Decides on one request of {@code user} at {@code now}, and counts it if allowed.
     *
     * @param user the token (or, for public operations, the client address); never logged
     */
    public synchronized RateLimitDecision decide(String user, LimitClass limitClass, Instant now) {
        Objects.requireNonNull(user, "user");
        SlidingWindow window = windows.computeIfAbsent(limitClass + "\u0000" + user, k -> new SlidingWindow());
        int limit = limitClass.perMinute();
        int used = window.countAt(now);
        if (used >= limit) {
            long millis = Duration.between(now, window.oldestLeavesAt()).toMillis();
            return new RateLimitDecision.Limited(limit, Math.max(1, (millis + 999) / 1000), window.oldestLeavesAt());
        }
        window.add(now);
        return new RateLimitDecision.Allowed(limit, limit - used - 1, window.oldestLeavesAt());
    }
}
