package io.shopdr.sim.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One order attempt as a client saw it.
 *
 * @param clientId the client
 * @param region   the client's region
 * @param kind     how the client caches DNS
 * @param at       when the attempt started
 * @param address  the address the client's cache gave, empty when it had no answer
 * @param outcome  acknowledged (with the serving region) or failed
 * @param latency  how long the attempt took
 */
public record Attempt(String clientId, String region, ClientKind kind, Instant at, Optional<String> address,
                      OrderOutcome outcome, Duration latency) {
    /** Whether the order was acknowledged. */
    public boolean acknowledged() {
        return outcome instanceof OrderOutcome.Acknowledged;
    }

    /** When the attempt ended. */
    public Instant endedAt() {
        return at.plus(latency);
    }
}
