/**
 * The emulated WAN between the twin's regions: in-process TCP relays that add each region pair's one-way
 * delay, jitter and bandwidth, cut links (a partition: bytes stop, nothing is reset, as Linode's firewall DROP
 * does) and enforce Linode Cloud Firewall inbound rules. No root is needed: every region owns a loopback
 * address ({@link io.shopdr.sim.wan.RegionAddresses}); a client says which region it is in by binding its socket
 * to that address, and the relay in front of a server reads the region from the peer address.
 */
package io.shopdr.sim.wan;
