package io.shopdr.sim.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A recursive resolver (an ISP's, or the one a client's OS is configured with): it asks the authoritative
 * nameservers, whose copy of the zone trails the source of truth by this resolver's propagation delay (Linode's
 * nameservers pick a change up in under ~60 s), and caches each answer for its TTL. Thread-safe.
 */
public final class RecursiveResolver {
    private final String id;
    private final AuthoritativeZone zone;
    private final Duration propagationDelay;
    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(ZoneAnswer answer, Instant expiresAt) {}

    /**
     * @param id               a name for reports
     * @param zone             the source of truth
     * @param propagationDelay how long after a change the nameservers this resolver reaches serve it
     */
    public RecursiveResolver(String id, AuthoritativeZone zone, Duration propagationDelay) {
        this.id = Objects.requireNonNull(id, "id");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (propagationDelay.isNegative()) {
            throw new IllegalArgumentException("propagationDelay: must be zero or more, got " + propagationDelay);
        }
        this.propagationDelay = propagationDelay;
    }

    public String id() {
        return id;
    }

    public Duration propagationDelay() {
        return propagationDelay;
    }

    /** Resolves {@code name} at {@code now}; empty when the name has no record (as the nameservers see it). */
    public synchronized Optional<Resolution> resolve(String name, Instant now) {
        Cached cached = cache.get(name);
        if (cached == null || !now.isBefore(cached.expiresAt())) {
            Optional<ZoneAnswer> answer = zone.answerAt(name, now.minus(propagationDelay));
            if (answer.isEmpty()) {
                cache.remove(name);
                return Optional.empty();
            }
            cached = new Cached(answer.get(), now.plus(answer.get().ttl()));
            cache.put(name, cached);
        }
        return Optional.of(new Resolution(cached.answer().address(), Duration.between(now, cached.expiresAt())));
    }
}
