package io.shopdr.sim.clients;

import java.time.Duration;

/**
 * A resolver's answer: the address and how much longer it may be cached (the TTL left in the resolver's cache).
 *
 * @param address      the address
 * @param remainingTtl the TTL the resolver hands down
 */
public record Resolution(String address, Duration remainingTtl) {}
