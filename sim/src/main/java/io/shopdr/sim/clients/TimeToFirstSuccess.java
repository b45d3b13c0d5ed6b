package io.shopdr.sim.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Client-visible recovery: for each client, the time from an instant (the kill) to the end of its first
 * acknowledged order started at or after it — pure functions over recorded attempts. A client with no such
 * order has an empty time: it never recovered within the run, and percentiles that reach it are empty too.
 */
public final class TimeToFirstSuccess {
    private TimeToFirstSuccess() {}

    /** Every client that appears in {@code attempts}, with its time to first success after {@code from}. */
    public static Map<String, Optional<Duration>> perClient(Collection<Attempt> attempts, Instant from) {
        return perClient(attempts, from, a -> true);
    }

    /**
     * As {@link #perClient(Collection, Instant)}, counting only acknowledgements that {@code counts} accepts
     * (e.g. served by the new primary's region, so an order the partitioned old primary took is not recovery).
     */
    public static Map<String, Optional<Duration>> perClient(Collection<Attempt> attempts, Instant from, Predicate<Attempt> counts) {
        Map<String, Optional<Duration>> result = new LinkedHashMap<>();
        attempts.stream().sorted(Comparator.comparing(Attempt::at)).forEach(a -> {
            result.putIfAbsent(a.clientId(), Optional.empty());
            if (result.get(a.clientId()).isEmpty() && !a.at().isBefore(from) && a.acknowledged() && counts.test(a)) {
                result.put(a.clientId(), Optional.of(Duration.between(from, a.endedAt())));
            }
        });
        return result;
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p ≤ 100) over clients; clients that never recovered rank last.
     *
     * @return empty when there are no clients or the rank falls on a client that never recovered
     */
    public static Optional<Duration> percentile(Collection<Optional<Duration>> times, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile: must be in (0, 100], got " + p);
        }
        if (times.isEmpty()) {
            return Optional.empty();
        }
        List<Optional<Duration>> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.comparing((Optional<Duration> t) -> t.isEmpty()).thenComparing(t -> t.orElse(Duration.ZERO)));
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** The median (nearest-rank 50th percentile). */
    public static Optional<Duration> median(Collection<Optional<Duration>> times) {
        return percentile(times, 50);
    }
}
