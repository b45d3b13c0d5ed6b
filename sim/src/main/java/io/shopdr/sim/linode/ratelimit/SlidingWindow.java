package io.shopdr.sim.linode.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The instants of events in the last {@link #WIDTH}. Not thread-safe: its owners lock. */
final class SlidingWindow {
    static final Duration WIDTH = Duration.ofSeconds(60);
    private final Deque<Instant> events = new ArrayDeque<>();

    /** Forgets events that left the window ending at {@code now}; returns how many remain. */
    int countAt(Instant now) {
        Instant horizon = now.minus(WIDTH);
        while (!events.isEmpty() && !events.peekFirst().isAfter(horizon)) {
            events.pollFirst();
        }
        return events.size();
    }

    void add(Instant at) {
        events.addLast(at);
    }

    /** When the oldest event in the window leaves it. */
    Instant oldestLeavesAt() {
        return events.peekFirst().plus(WIDTH);
    }
}
