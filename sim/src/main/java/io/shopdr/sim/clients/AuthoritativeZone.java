package io.shopdr.sim.clients;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zone as the source of truth has it, with its history: the twin feeds every change it sees in the Linode API
 * simulator's records ({@link #publish}); a resolver whose copy lags by {@code L} asks for the answer as it was
 * {@code L} ago ({@link #answerAt}). Thread-safe.
 */
public final class AuthoritativeZone {
    private final Map<String, NavigableMap<Instant, Optional<ZoneAnswer>>> history = new ConcurrentHashMap<>();

    /** From {@code at} on, {@code name} answers {@code answer}. */
    public void publish(String name, Instant at, ZoneAnswer answer) {
        record(name, at, Optional.of(Objects.requireNonNull(answer, "answer")));
    }

    /** From {@code at} on, {@code name} has no record (NXDOMAIN / no data). */
    public void remove(String name, Instant at) {
        record(name, at, Optional.empty());
    }

    private void record(String name, Instant at, Optional<ZoneAnswer> answer) {
        NavigableMap<Instant, Optional<ZoneAnswer>> changes = history.computeIfAbsent(key(name), n -> new TreeMap<>());
        synchronized (changes) {
            changes.put(at, answer);
        }
    }

    /** What {@code name} answered at {@code at}; empty before its first record or after its removal. */
    public Optional<ZoneAnswer> answerAt(String name, Instant at) {
        NavigableMap<Instant, Optional<ZoneAnswer>> changes = history.get(key(name));
        if (changes == null) {
            return Optional.empty();
        }
        synchronized (changes) {
            Map.Entry<Instant, Optional<ZoneAnswer>> entry = changes.floorEntry(at);
            return entry == null ? Optional.empty() : entry.getValue();
        }
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
