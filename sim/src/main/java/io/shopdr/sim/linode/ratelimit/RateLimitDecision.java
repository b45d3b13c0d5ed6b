package io.shopdr.sim.linode.ratelimit;

import java.time.Instant;

/**
 * Whether the API serves a request now, and what it tells the client: Linode's rate-limit headers
 * ({@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} in UTC epoch seconds, and
 * {@code Retry-After} on a 429), as Akamai's rate-limits page lists them.
 */
public sealed interface RateLimitDecision {
    /** The class's limit ({@code X-RateLimit-Limit}). */
    int limit();

    /** When the window has room again ({@code X-RateLimit-Reset}, whole epoch seconds rounded up). */
    Instant resetAt();

    /** The headers Linode sends with this decision. */
    default java.util.Map<String, String> headers() {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("X-RateLimit-Limit", String.valueOf(limit()));
        h.put("X-RateLimit-Remaining", String.valueOf(this instanceof Allowed a ? a.remaining() : 0));
        long reset = resetAt().getEpochSecond() + (resetAt().getNano() > 0 ? 1 : 0);
        h.put("X-RateLimit-Reset", String.valueOf(reset));
        if (this instanceof Limited l) h.put("Retry-After", String.valueOf(l.retryAfterSeconds()));
        return h;
    }

    /**
     * Serve it.
     *
     * @param limit     the class's limit ({@code X-RateLimit-Limit})
     * @param remaining requests left in the window after this one ({@code X-RateLimit-Remaining})
     * @param resetAt   when the oldest request in the window leaves it
     */
    record Allowed(int limit, int remaining, Instant resetAt) implements RateLimitDecision {}

    /**
     * Answer 429 with {@code Retry-After: retryAfterSeconds}.
     *
     * @param limit             the class's limit
     * @param retryAfterSeconds whole seconds until the window has room again (at least 1)
     * @param resetAt           when the window has room again
     */
    record Limited(int limit, long retryAfterSeconds, Instant resetAt) implements RateLimitDecision {
        /** The HTTP status Linode answers. */
        public int status() {
            return 429;
        }
    }
}
