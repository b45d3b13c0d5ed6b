package io.shopdr.agent.health;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The votes of all observers as TXT records in the shop's own DNS zone: Linode DNS is served from outside every
 * region, so it is the one store that survives the loss of any single region. Each observer owns the records named
 * {@code _shopdr-vote-<observer>} (one per target it probes) and only ever writes those.
 */
public final class VoteBoard {
    private static final Logger LOG = LoggerFactory.getLogger(VoteBoard.class);
    /** TTL of vote records (never resolved by clients; read through the API). */
    public static final int VOTE_TTL_SEC = 30;

    private final DnsProvider dns;
    private final String domain;
    private volatile DnsZone zone;

    public VoteBoard(DnsProvider dns, String domain) {
        this.dns = dns;
        this.domain = domain;
    }

    public DnsProvider dns() {
        return dns;
    }

    /** The shop's zone (looked up once). */
    public DnsZone zone() {
        DnsZone z = zone;
        if (z == null) {
            z = dns.zone(domain);
            zone = z;
        }
        return z;
    }

    /** One read of every record in the zone (votes and the shop's address records). */
    public List<DnsRecord> records() {
        return dns.records(zone());
    }

    /** The votes among {@code records}; records that are not valid votes are skipped with a warning. */
    public static List<Vote> votesIn(List<DnsRecord> records) {
        List<Vote> votes = new ArrayList<>();
        for (DnsRecord r : records) {
            if (!"TXT".equalsIgnoreCase(r.type()) || r.name() == null || !r.name().startsWith(Vote.RECORD_PREFIX)) continue;
            try {
                Vote v = Vote.parse(r.target());
                if (!r.name().equals(v.recordName())) {
                    LOG.warn("ignoring vote record " + r.name() + ": it claims observer " + v.observer());
                    continue;
                }
                votes.add(v);
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring TXT record " + r.name() + ": " + e.getMessage());
            }
        }
        return votes;
    }

    /**
     * Writes {@code vote}, updating the observer's existing record for the same target in {@code current} or
     * creating one; returns the stored record (its id lets the caller update it next time without a search).
     */
    public DnsRecord publish(Vote vote, DnsRecord existing) {
        DnsZone z = zone();
        if (existing != null && existing.id() != 0) {
            return dns.update(z, new DnsRecord(existing.id(), "TXT", vote.recordName(), vote.toJson(), existing.ttlSec()));
        }
        return dns.create(z, DnsRecord.of("TXT", vote.recordName(), vote.toJson(), VOTE_TTL_SEC));
    }

    /** The record in {@code records} holding {@code observer}'s vote about {@code target}, or null. */
    public static DnsRecord findVoteRecord(List<DnsRecord> records, String observer, String target) {
        for (DnsRecord r : records) {
            if (!"TXT".equalsIgnoreCase(r.type()) || !(Vote.RECORD_PREFIX + observer).equals(r.name())) continue;
            try {
                if (Vote.parse(r.target()).target().equals(target)) return r;
            } catch (IllegalArgumentException e) {
                // a damaged record of ours: leave it; a new one will be created beside it
            }
        }
        return null;
    }
}
