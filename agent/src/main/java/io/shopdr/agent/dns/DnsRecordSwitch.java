package io.shopdr.agent.dns;

import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Points one name of a zone at one address: the A record (or AAAA for an IPv6 target) is updated in place, created
 * when missing, and duplicates of it are removed after the update, so the name never resolves to nothing. Writes
 * nothing when the record already has that target and TTL (a repeated switch costs one read of Linode's rate
 * limit). Used by the failover controller and by {@code shopdr dns switch}.
 */
public final class DnsRecordSwitch {

    private final DnsProvider provider;

    public DnsRecordSwitch(DnsProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * What a switch did: the matching records before, the record after, the TTL asked for, and the records of the
     * other address family under the same name (left alone: they may still point at the old region).
     */
    public record Result(String name, String type, List<DnsRecord> before, DnsRecord after, int requestedTtl,
                         List<DnsRecord> otherFamily) {

        public Result {
            before = List.copyOf(before);
            otherFamily = List.copyOf(otherFamily);
        }

        /** Whether anything was written. */
        public boolean changed() {
            return before.size() != 1 || !before.get(0).equals(after);
        }

        /** Whether the provider stored another TTL than requested (Linode rounds some values up). */
        public boolean ttlDiffers() {
            return after.ttlSec() != requestedTtl;
        }
    }

    /**
     * Points {@code name} (relative, "" or "@" for the apex, or a name inside the zone) at {@code target} with
     * {@code ttlSec}.
     *
     * @throws IllegalArgumentException when the target is not an IP address or the name is outside the zone
     * @throws LinodeApiException when the provider fails (nothing half-applied: the update comes before any delete)
     */
    public Result switchTo(DnsZone zone, String name, String target, int ttlSec) {
        String type = addressType(target);
        String relative = relativeName(zone, name);
        if (ttlSec < 0) {
            throw new IllegalArgumentException("--ttl must be >= 0 seconds, got " + ttlSec);
        }
        List<DnsRecord> matching = new ArrayList<>();
        List<DnsRecord> otherFamily = new ArrayList<>();
        for (DnsRecord r : provider.records(zone)) {
            if (!r.name().equalsIgnoreCase(relative)) {
                continue;
            }
            if (r.type().equalsIgnoreCase(type)) {
                matching.add(r);
            } else if (r.type().equalsIgnoreCase("A") || r.type().equalsIgnoreCase("AAAA")) {
                otherFamily.add(r);
            }
        }
        DnsRecord after;
        if (matching.isEmpty()) {
            after = provider.create(zone, DnsRecord.of(type, relative, target, ttlSec));
        } else {
            DnsRecord first = matching.get(0);
            boolean same = first.target().equals(target) && first.ttlSec() == ttlSec;
            after = same ? first
                    : provider.update(zone, new DnsRecord(first.id(), first.type(), first.name(), target, ttlSec));
            for (DnsRecord extra : matching.subList(1, matching.size())) {
                provider.delete(zone, extra.id());
            }
        }
        return new Result(relative, type, matching, after, ttlSec, otherFamily);
    }

    /** "A" for an IPv4 literal, "AAAA" for IPv6; anything else is refused (no DNS lookups of host names). */
    public static String addressType(String target) {
        String t = target == null ? "" : target.trim();
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9a-fA-F:.]+");
        if (v4 || v6) {
            try {
                InetAddress address = InetAddress.getByName(t);
                if (v4 && address.getAddress().length == 4) {
                    return "A";
                }
                if (v6 && address.getAddress().length == 16) {
                    return "AAAA";
                }
            } catch (UnknownHostException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("--target '" + target + "' is not an IP address; give the region's ingress"
                + " IPv4 (A record) or IPv6 (AAAA record) address, e.g. 198.51.100.2");
    }

    /** The name relative to the zone: "" for the apex ("", "@", or the zone itself), else without the zone suffix. */
    public static String relativeName(DnsZone zone, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        String domain = zone.domain().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("@") || n.equals(domain)) {
            return "";
        }
        if (n.endsWith("." + domain)) {
            return n.substring(0, n.length() - domain.length() - 1);
        }
        if (n.contains(".") && name.trim().endsWith(".")) {
            throw new IllegalArgumentException("--name '" + name + "' is not inside zone " + zone.domain()
                    + "; give a name relative to the zone (www, @ for the apex) or a name ending in ." + zone.domain());
        }
        return n;
    }
}
