package io.shopdr.sim.linode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What goes wrong on purpose, apart from the API's own behaviour: injected answers (429 with {@code Retry-After},
 * 5xx; to the next requests, or to the next ones a predicate picks), injected latency, and a rate limit in the manner of Linode's ({@code X-RateLimit-*} headers, 429 until the
 * window ends). Consulted once per request, before any area sees it.
 */
final class Faults {
    /** An injected fault for the next {@code remaining} requests: an answer {@code status} (0 = none) and/or latency. */
    private static final class Fault {
        final int status;
        final Duration retryAfter;
        final Duration latency;
        int remaining;

        Fault(int status, Duration retryAfter, Duration latency, int remaining) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.latency = latency;
            this.remaining = remaining;
        }
    }

    /** A fault answering {@code status} to the next {@code remaining} requests that {@code which} matches. */
    private static final class TargetedFault {
        final Predicate<IncomingRequest> which;
        final int status;
        int remaining;

        TargetedFault(Predicate<IncomingRequest> which, int status, int remaining) {
            this.which = which;
            this.status = status;
            this.remaining = remaining;
        }
    }

    private final SimulatedAccount account;
    private final Deque<Fault> queue = new ArrayDeque<>();
    private final List<TargetedFault> targeted = new ArrayList<>();
    private int rateLimit = Integer.MAX_VALUE;
    private Duration rateWindow = Duration.ofMinutes(2);
    private Instant windowStart = Instant.now();
    private int windowCount;

    Faults(SimulatedAccount account) {
        this.account = account;
    }

    synchronized void add(int status, Duration retryAfter, Duration latency, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("fault count must be at least 1, got " + n);
        }
        queue.addLast(new Fault(status, retryAfter, latency, n));
    }

    synchronized void addTargeted(Predicate<IncomingRequest> which, int status, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("fault count must be at least 1, got " + n);
        }
        targeted.add(new TargetedFault(which, status, n));
    }

    synchronized void clear() {
        queue.clear();
        targeted.clear();
    }

    synchronized void rateLimit(int requests, Duration window) {
        this.rateLimit = requests;
        this.rateWindow = window;
        this.windowStart = Instant.now();
        this.windowCount = 0;
    }

    /**
     * Applies a targeted fault matching {@code request}, else the next injected fault (sleeping its latency), and the
     * rate limit to one request: the answer to give instead of the API's, or empty when the API answers.
     */
    Optional<Answer> intercept(IncomingRequest request) {
        Integer status = takeTargeted(request);
        if (status != null) {
            return Optional.of(answer(new Fault(status, null, Duration.ZERO, 0)));
        }
        Fault fault = take();
        if (fault != null && !fault.latency.isZero()) {
            sleep(fault.latency);
        }
        if (fault != null && fault.status != 0) {
            return Optional.of(answer(fault));
        }
        return rateLimited();
    }

    /** The {@code X-RateLimit-*} headers every answer carries while a rate limit is set. */
    synchronized Map<String, String> rateLimitHeaders() {
        if (rateLimit == Integer.MAX_VALUE) {
            return Map.of();
        }
        return Map.of("X-RateLimit-Limit", String.valueOf(rateLimit),
                "X-RateLimit-Remaining", String.valueOf(Math.max(0, rateLimit - windowCount)));
    }

    private synchronized Integer takeTargeted(IncomingRequest request) {
        for (Iterator<TargetedFault> it = targeted.iterator(); it.hasNext(); ) {
            TargetedFault f = it.next();
            if (!f.which.test(request)) {
                continue;
            }
            if (--f.remaining <= 0) {
                it.remove();
            }
            return f.status;
        }
        return null;
    }

    private synchronized Fault take() {
        Fault f = queue.peekFirst();
        if (f == null) {
            return null;
        }
        if (--f.remaining <= 0) {
            queue.removeFirst();
        }
        return f;
    }

    private Answer answer(Fault f) {
        if (f.status == 429) {
            long seconds = Math.max(0, (f.retryAfter.toMillis() + 999) / 1000);
            return new Answer(429, account.errors(null, "Too Many Requests"),
                    Map.of("Retry-After", String.valueOf(seconds)));
        }
        return new Answer(f.status, account.errors(null, f.status == 503 ? "Service Unavailable"
                : "An unexpected error occurred; please try again"));
    }

    private synchronized Optional<Answer> rateLimited() {
        if (rateLimit == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (now.isAfter(windowStart.plus(rateWindow))) {
            windowStart = now;
            windowCount = 0;
        }
        if (windowCount >= rateLimit) {
            long seconds = Math.max(1, Duration.between(now, windowStart.plus(rateWindow)).toMillis() / 1000 + 1);
            return Optional.of(new Answer(429, account.errors(null, "Too Many Requests"),
                    Map.of("Retry-After", String.valueOf(seconds))));
        }
        windowCount++;
        return Optional.empty();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
