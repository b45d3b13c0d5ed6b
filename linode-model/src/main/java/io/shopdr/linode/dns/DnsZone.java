package io.shopdr.linode.dns;

/** A DNS zone (a Linode "domain") by provider id and name. */
public record DnsZone(long id, String domain) {}
