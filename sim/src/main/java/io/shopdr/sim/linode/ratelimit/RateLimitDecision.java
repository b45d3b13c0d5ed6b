package io.shopdr.sim.linode.ratelimit;

/** Whether the API serves a request now, and what it tells the client. */
public sealed interface RateLimitDecision {
    /**
     * Serve it.
     *
     * @param limit     the class's limit ({@code X-RateLimit-Limit})
     * @param remaining requests left in the window after this one ({@code X-RateLimit-Remaining})
     */
    record Allowed(int limit, int remaining) implements RateLimitDecision {}

    /**
     * Answer 429 with {@code Retry-After: retryAfterSeconds}.
     *
     * @param limit             the class's limit
     * @param retryAfterSeconds whole seconds until the window has room again (at least 1)
     */
    record Limited(int limit, long retryAfterSeconds) implements RateLimitDecision {
        /** The HTTP status Linode answers. */
        public int status() {
            return 429;
        }
    }
}
