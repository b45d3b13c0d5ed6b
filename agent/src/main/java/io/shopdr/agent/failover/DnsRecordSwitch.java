package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.dns.DnsRecord;
import io.shopdr.agent.dns.DnsZone;
import java.util.ArrayList;
import java.util.List;

/**
 * Points the shop's A (and AAAA) records at one region's ingress: updates records whose target differs, creates
 * missing A records, deletes AAAA records when the region has no IPv6 ingress (so no client keeps reaching the
 * lost region over IPv6). Idempotent: a second run changes nothing.
 */
public final class DnsRecordSwitch {
    private final DnsProvider dns;
    private final List<String> recordNames;
    private final int ttl;

    public DnsRecordSwitch(DnsProvider dns, List<String> recordNames, int ttl) {
        this.dns = dns;
        this.recordNames = List.copyOf(recordNames);
        this.ttl = ttl;
    }

    /** Switches every configured name; returns one line per change (empty when everything already pointed there). */
    public List<String> switchTo(DnsZone zone, String ipv4, String ipv6) {
        List<DnsRecord> records = dns.records(zone);
        List<String> changes = new ArrayList<>();
        for (String name : recordNames) {
            apply(zone, records, name, "A", ipv4, changes);
            apply(zone, records, name, "AAAA", ipv6, changes);
        }
        return changes;
    }

    private void apply(DnsZone zone, List<DnsRecord> records, String name, String type, String target, List<String> changes) {
        List<DnsRecord> existing = records.stream()
                .filter(r -> type.equalsIgnoreCase(r.type()) && name.equals(r.name())).toList();
        String label = (name.isEmpty() ? "@" : name) + " " + type;
        if (target == null) {
            for (DnsRecord r : existing) {
                dns.delete(zone, r.id());
                changes.add(label + " " + r.target() + " deleted (region has no IPv6 ingress)");
            }
            return;
        }
        if (existing.isEmpty()) {
            if ("A".equals(type)) {
                DnsRecord created = dns.create(zone, DnsRecord.of(type, name, target, ttl));
                changes.add(label + " created → " + target + " (ttl " + created.ttlSec() + ")");
            }
            return;
        }
        for (DnsRecord r : existing) {
            if (target.equals(r.target())) continue;
            dns.update(zone, r.withTarget(target));
            changes.add(label + " " + r.target() + " → " + target);
        }
    }

    /** The target of the first configured name's A record in {@code records}, or null. */
    public String currentTarget(List<DnsRecord> records) {
        String name = recordNames.get(0);
        return records.stream().filter(r -> "A".equalsIgnoreCase(r.type()) && name.equals(r.name()))
                .map(DnsRecord::target).findFirst().orElse(null);
    }
}
