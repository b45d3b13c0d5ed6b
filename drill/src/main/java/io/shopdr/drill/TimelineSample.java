package io.shopdr.drill;

import java.util.Map;

/**
 * What the drill saw at one instant (drill clock ms): each region's storefront health, each observer's vote about
 * the primary region ("up"/"down", absent when it has no fresh vote), the controller state, the address the zone
 * resolves the shop's name to, replication lag in seconds per replica region (absent when not replicating) and
 * which regions' databases accept writes.
 */
public record TimelineSample(long tMs, Map<String, Boolean> healthy, Map<String, String> votes,
                             String controllerState, String dnsTarget, Map<String, Long> replicationLagSec,
                             Map<String, Boolean> writable) {}
