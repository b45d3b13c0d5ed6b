package io.shopdr.agent.linode;

import java.time.Duration;

/**
 * How {@link LinodeClient} retries 429 and 5xx answers: exponential backoff with jitter between attempts (or
 * Linode's {@code Retry-After} when it sends one), at most {@code maxAttempts} tries, and never past {@code budget}
 * from the first try, so a failover waits for Linode's rate limit but not forever.
 *
 * @param maxAttempts    tries in total, first one included (at least 1)
 * @param initialBackoff wait before the second try; doubles each time
 * @param maxBackoff     cap on one computed wait (a longer {@code Retry-After} is still honoured within the budget)
 * @param budget         total time from the first try after which the client gives up
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget) {

    /** 8 attempts, 250 ms doubling to at most 8 s, within 60 s: rides out one rate-limit window of Linode's API. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    /** One try, no retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null || maxBackoff.isNegative()
                || budget == null || budget.isNegative()) {
            throw new IllegalArgumentException("retry durations (initialBackoff, maxBackoff, budget) must be >= 0");
        }
    }

    /** The same policy with another total budget. */
    public RetryPolicy withBudget(Duration newBudget) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, newBudget);
    }
}
