package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.dns.DnsRecordSwitch;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.util.ArrayList;
import java.util.List;

/**
 * Points all of the shop's names (apex, www, …) at one region's ingress: each name's A record (and AAAA when the
 * region has IPv6) through {@link DnsRecordSwitch}; AAAA records are deleted when the region has no IPv6 ingress,
 * so no client keeps reaching the lost region over IPv6. Idempotent: a second run writes nothing.
 */
public final class ShopRecordSwitch {
    private final DnsProvider dns;
    private final DnsRecordSwitch recordSwitch;
    private final List<String> recordNames;
    private final int ttl;

    public ShopRecordSwitch(DnsProvider dns, List<String> recordNames, int ttl) {
        this.dns = dns;
        this.recordSwitch = new DnsRecordSwitch(dns);
        this.recordNames = List.copyOf(recordNames);
        this.ttl = ttl;
    }

    /** Switches every configured name; returns one line per change (empty when everything already pointed there). */
    public List<String> switchTo(DnsZone zone, String ipv4, String ipv6) {
        List<String> changes = new ArrayList<>();
        for (String name : recordNames) {
            String label = name.isEmpty() ? "@" : name;
            for (String ip : ipv6 == null ? List.of(ipv4) : List.of(ipv4, ipv6)) {
                DnsRecordSwitch.Result r = recordSwitch.switchTo(zone, name, ip, ttl);
                if (!r.changed()) continue;
                String before = r.before().isEmpty() ? "(none)" : r.before().get(0).target();
                changes.add(label + " " + r.type() + " " + before + " → " + r.after().target()
                        + (r.ttlDiffers() ? " (ttl stored as " + r.after().ttlSec() + ")" : ""));
            }
            if (ipv6 == null) {
                for (DnsRecord aaaa : dns.records(zone)) {
                    if ("AAAA".equalsIgnoreCase(aaaa.type()) && name.equals(aaaa.name())) {
                        dns.delete(zone, aaaa.id());
                        changes.add(label + " AAAA " + aaaa.target() + " deleted (region has no IPv6 ingress)");
                    }
                }
            }
        }
        return changes;
    }

    /** The target of the first configured name's A record in {@code records}, or null. */
    public String currentTarget(List<DnsRecord> records) {
        String name = recordNames.get(0);
        return records.stream().filter(r -> "A".equalsIgnoreCase(r.type()) && name.equals(r.name()))
                .map(DnsRecord::target).findFirst().orElse(null);
    }
}
