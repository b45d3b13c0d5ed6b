package io.shopdr.agent.failover;

import java.util.OptionalLong;

/**
 * The outcome of promoting a standby: the region that is now primary, the estimated number of transactions lost
 * (empty when unknown, e.g. the old primary was never seen) and a human-readable detail for the incident.
 */
public record Promotion(String newPrimary, OptionalLong lostTransactions, String detail) {}
