package io.shopdr.agent.failover;

import java.time.Instant;

/** One timestamped step of an incident ("fenced us-east via firewall 1234", "DNS switched to 198.51.100.2"). */
public record TimelineEntry(Instant at, String event) {}
