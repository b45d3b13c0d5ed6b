package io.shopdr.sim.wan;

/**
 * What has crossed one directed link so far.
 *
 * @param bytes            bytes delivered from the source region to the target region
 * @param connections      connections opened from the source region to a server in the target region
 * @param firewallDrops    of those, connections the target's firewall dropped (no answer, then reset)
 */
public record LinkCounters(long bytes, long connections, long firewallDrops) {}
