package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.health.VoteBoard;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operator's planned move of the primary back to a region ({@code shopdr failback --to REGION}): marks the
 * failback in the zone so no controller acts meanwhile, lifts that region's firewall fence, runs the loss-free
 * switchover (the region must be a caught-up replica without errant transactions), switches the shop's records
 * and records an incident. Never half-applied: DNS moves only after the database switchover succeeded.
 */
public final class Failback {
    private final ControllerConfig config;
    private final DnsProvider dns;
    private final FirewallProvider firewalls;
    private final RegionDatabases databases;
    private final Clock clock;
    private final String by;
    private final IncidentLog incidents;

    public Failback(ControllerConfig config, DnsProvider dns, FirewallProvider firewalls, RegionDatabases databases,
                    Clock clock, String by, IncidentLog incidents) {
        this.config = config;
        this.dns = dns;
        this.firewalls = firewalls;
        this.databases = databases;
        this.clock = clock;
        this.by = by;
        this.incidents = incidents;
    }

    /** Runs the failback; the returned incident says COMPLETED or FAILED and why (it never throws for a refusal). */
    public Incident run(String to, Duration timeout) {
        RegionConfig target = config.region(to);
        ShopRecordSwitch recordSwitch = new ShopRecordSwitch(dns, config.recordNames(), config.recordTtl());
        DnsZone zone = dns.zone(config.domain());
        List<DnsRecord> records = dns.records(zone);
        String currentIp = recordSwitch.currentTarget(records);
        String from = config.regions().stream().filter(r -> r.ingressIp().equals(currentIp)).map(RegionConfig::name)
                .findFirst().orElse(null);
        IncidentLog.Draft d = incidents.open(Incident.Kind.FAILBACK, from, to);
        if (from == null) {
            d.add("refused: the shop's A record points at " + currentIp + ", which is no configured region's ingress;"
                    + " fix the record or the config before failing back");
            return d.finish(Incident.Outcome.FAILED);
        }
        if (from.equals(to)) {
            d.add("refused: " + to + " is already the primary (the shop's A record points at " + currentIp + ")");
            return d.finish(Incident.Outcome.FAILED);
        }
        d.add("failback from " + from + " to " + to + " requested by " + by);
        writeEvent(zone, FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.STARTED, from, to, clock.instant(), by), d);
        try {
            if (target.firewallId() != 0) {
                boolean lifted = new FirewallFence(firewalls).lift(target.firewallId());
                d.add(lifted ? "firewall fence of " + to + " lifted (firewall " + target.firewallId() + ")"
                        : "no firewall fence on " + to + " to lift");
            }
            databases.switchover(from, to, timeout);
            d.add("database switchover " + from + " → " + to + " completed (writes stopped on " + from
                    + ", " + to + " caught up before promotion: no transaction lost)");
            d.rpo(java.util.OptionalLong.of(0), null);
            List<String> changes = recordSwitch.switchTo(zone, target.ingressIp(), target.ingressIpv6());
            d.add("DNS switched to " + to + " (" + target.ingressIp() + "): "
                    + (changes.isEmpty() ? "records already pointed there" : String.join("; ", changes)));
            writeEvent(zone, FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.DONE, from, to, clock.instant(), by), d);
            return d.finish(Incident.Outcome.COMPLETED);
        } catch (RuntimeException e) {
            d.add("failback stopped: " + e.getMessage() + " (DNS still points at " + from + ")");
            writeEvent(zone, FailoverEvent.of(FailoverEvent.FAILBACK, "failed", from, to, clock.instant(), by), d);
            return d.finish(Incident.Outcome.FAILED);
        }
    }

    private void writeEvent(DnsZone zone, FailoverEvent event, IncidentLog.Draft d) {
        try {
            DnsRecord existing = FailoverEvent.recordIn(dns.records(zone));
            if (existing == null) dns.create(zone, DnsRecord.of("TXT", FailoverEvent.RECORD_NAME, event.toJson(), VoteBoard.VOTE_TTL_SEC));
            else dns.update(zone, existing.withTarget(event.toJson()));
        } catch (LinodeApiException e) {
            d.add("recording the failback phase '" + event.phase() + "' in " + FailoverEvent.RECORD_NAME + " failed: " + e.getMessage());
        }
    }
}
