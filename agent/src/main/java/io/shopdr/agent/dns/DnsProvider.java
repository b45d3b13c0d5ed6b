package io.shopdr.agent.dns;

import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.util.List;

/**
 * The DNS operations the failover controller and the drill need, behind one interface so that Linode's API, its
 * in-process simulator, or another provider can serve them. Implementations throw {@link LinodeApiException} with an
 * operator-readable message (never containing a token).
 */
public interface DnsProvider {

    /** Finds the zone for {@code domain} (e.g. {@code shop.example.com}); fails with "zone not found: …". */
    DnsZone zone(String domain);

    /** Every record of the zone (all pages). */
    List<DnsRecord> records(DnsZone zone);

    /** Creates a record; the returned record carries its id and the TTL the provider stored. */
    DnsRecord create(DnsZone zone, DnsRecord record);

    /** Updates the record with {@code record.id()} (target, TTL, name; never its type). */
    DnsRecord update(DnsZone zone, DnsRecord record);

    /** Deletes the record with {@code recordId}. */
    void delete(DnsZone zone, long recordId);
}
