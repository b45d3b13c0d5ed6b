package io.shopdr.sim.clients;

import java.time.Duration;
import java.util.Objects;

/**
 * What the authoritative nameservers answer for a name: one address and its TTL.
 *
 * @param address the record's target (an address the twin's clients can connect to)
 * @param ttl     the record's TTL ({@code ttl_sec})
 */
public record ZoneAnswer(String address, Duration ttl) {
    public ZoneAnswer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl: must be zero or more seconds, got " + ttl);
        }
    }
}
