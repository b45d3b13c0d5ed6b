package io.shopdr.linode.dns;

/**
 * One DNS record: {@code name} is relative to the zone ("" for the apex, "www", "_shopdr-vote-us-east"),
 * {@code id} is 0 until the provider has stored it.
 */
public record DnsRecord(long id, String type, String name, String target, int ttlSec) {

    /** A record not yet stored. */
    public static DnsRecord of(String type, String name, String target, int ttlSec) {
        return new DnsRecord(0, type, name, target, ttlSec);
    }

    public DnsRecord withTarget(String newTarget) {
        return new DnsRecord(id, type, name, newTarget, ttlSec);
    }
}
