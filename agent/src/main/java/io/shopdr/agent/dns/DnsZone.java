package io.shopdr.agent.dns;

/** A DNS zone (a Linode "domain") by provider id and name. */
public record DnsZone(long id, String domain) {}
