package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operator's planned move of the primary back to a region ({@code shopdr failback --to REGION}), in steps that
 * each either complete or are undone, so DNS never points at a read-only database:
 * <ol>
 * <li>mark the failback in the zone as a new epoch (no controller acts meanwhile, and an overtaken failover stops);</li>
 * <li>the loss-free database switchover {@code from → to} (the target stays behind its firewall fence: nothing but
 *     replication reaches it while it is still a stale replica);</li>
 * <li>lift the target's firewall fence (it is the writable primary now);</li>
 * <li>switch the shop's records to the target, then mark the failback done.</li>
 * </ol>
 * On a failure after the switchover the previous state is restored in reverse: switchover back {@code to → from},
 * DNS back to {@code from}, the fence back on the target. Re-running the same command converges: a switchover a
 * previous run completed is not repeated (the target already is the writable primary), and lifting the fence and
 * switching DNS are idempotent.
 *
 * <p>Open point: since the target stays fenced during the switchover, whoever runs the failback must reach its
 * database port past the fence; {@link FirewallFence} drops that port from everywhere today, so in production the
 * fence must admit the failback runner's address (the firewall rules' owner decides how) or the switchover fails
 * and is undone, leaving the shop as it was.
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
        FirewallFence fence = new FirewallFence(firewalls);
        if (from.equals(to)) {
            return converged(d, fence, target, timeout);
        }
        d.add("failback from " + from + " to " + to + " requested by " + by);
        FailoverEvent before = FailoverEvent.in(records);
        long epoch = (before == null ? 0 : before.epochNumber()) + 1;
        writeEvent(zone, FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.STARTED, from, to, clock.instant(), by)
                .withEpoch(epoch), d);
        boolean targetFenced = target.firewallId() != 0
                && FirewallFence.isFenced(firewalls.rules(target.firewallId()), target.databasePort());
        Step done = Step.NOTHING;
        try {
            if (isPrimary(to, timeout) && !isPrimary(from, timeout)) {
                d.add("database switchover " + from + " → " + to + " already done (by a previous run): " + to
                        + " is the writable primary");
            } else {
                databases.switchover(from, to, timeout);
                d.add("database switchover " + from + " → " + to + " completed (writes stopped on " + from
                        + ", " + to + " caught up before promotion: no transaction lost)");
            }
            done = Step.SWITCHED_OVER;
            d.rpo(java.util.OptionalLong.of(0), null);
            if (target.firewallId() != 0) {
                boolean lifted = fence.lift(target.firewallId());
                d.add(lifted ? "firewall fence of " + to + " lifted (firewall " + target.firewallId() + ")"
                        : "no firewall fence on " + to + " to lift");
            }
            done = Step.FENCE_LIFTED;
            List<String> changes = recordSwitch.switchTo(zone, target.ingressIp(), target.ingressIpv6());
            d.add("DNS switched to " + to + " (" + target.ingressIp() + "): "
                    + (changes.isEmpty() ? "records already pointed there" : String.join("; ", changes)));
            writeEvent(zone, FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.DONE, from, to, clock.instant(), by)
                    .withEpoch(epoch), d);
            return d.finish(Incident.Outcome.COMPLETED);
        } catch (RuntimeException e) {
            d.add("failback stopped: " + e.getMessage());
            if (done == Step.NOTHING && isPrimary(to, timeout) && !isPrimary(from, timeout)) {
                done = Step.SWITCHED_OVER; // the switchover promoted the target, then failed
            }
            restore(d, done, from, to, targetFenced, fence, recordSwitch, zone, timeout);
            writeEvent(zone, FailoverEvent.of(FailoverEvent.FAILBACK, "failed", from, to, clock.instant(), by)
                    .withEpoch(epoch), d);
            return d.finish(Incident.Outcome.FAILED);
        }
    }

    /** How far a failback got before it failed (what {@link #restore} must undo). */
    private enum Step { NOTHING, SWITCHED_OVER, FENCE_LIFTED }

    /**
     * Undoes a failback that failed after {@code done}: switchover back (so {@code from} is writable again), DNS back
     * to {@code from}, fence back on {@code to}. When the switchover back fails, {@code to} stays the writable primary
     * and DNS is pointed at it instead, so DNS never names a read-only database; re-running the failback finishes.
     */
    private void restore(IncidentLog.Draft d, Step done, String from, String to, boolean targetFenced, FirewallFence fence,
                         ShopRecordSwitch recordSwitch, DnsZone zone, Duration timeout) {
        RegionConfig source = config.region(from);
        RegionConfig target = config.region(to);
        if (done == Step.NOTHING) {
            d.add("nothing to undo: DNS still points at " + from + ", which is still the primary; fix the cause and re-run");
            return;
        }
        String writable = from;
        try {
            databases.switchover(to, from, timeout);
            d.add("restored: database switchover back " + to + " → " + from);
        } catch (RuntimeException e) {
            writable = to;
            d.add("could not switch back to " + from + " (" + e.getMessage() + "); " + to + " stays the writable primary");
        }
        RegionConfig primaryNow = config.region(writable);
        try {
            recordSwitch.switchTo(zone, primaryNow.ingressIp(), primaryNow.ingressIpv6());
            d.add("restored: DNS points at " + writable + ", the writable primary");
        } catch (LinodeApiException e) {
            d.add("DNS could not be pointed at " + writable + " (" + e.getMessage() + "): re-run the failback to converge");
        }
        if (writable.equals(from) && targetFenced && done == Step.FENCE_LIFTED) {
            try {
                fence.apply(target.firewallId(), target.databasePort(), target.name());
                d.add("restored: firewall fence of " + to + " back in place");
            } catch (LinodeApiException e) {
                d.add("the firewall fence of " + to + " could not be put back (" + e.getMessage() + "); " + to
                        + " is a read-only replica, re-run the failback or fence it by hand");
            }
        }
        d.add("re-run `shopdr failback --to " + to + "` to try again; it continues from where the databases are"
                + (source.equals(primaryNow) ? "" : " (the primary is now " + to + ")"));
    }

    /** DNS already names {@code to}: finish what a previous run left (the fence) once its database is the primary. */
    private Incident converged(IncidentLog.Draft d, FirewallFence fence, RegionConfig target, Duration timeout) {
        if (!isPrimary(target.name(), timeout)) {
            d.add("refused: the shop's records point at " + target.name() + " but its database is not the writable primary;"
                    + " check the databases (shopdr replication status) before moving anything");
            return d.finish(Incident.Outcome.FAILED);
        }
        try {
            if (target.firewallId() != 0 && fence.lift(target.firewallId())) {
                d.add("firewall fence of " + target.name() + " lifted (left by a previous run): failback converged");
                return d.finish(Incident.Outcome.COMPLETED);
            }
        } catch (LinodeApiException e) {
            d.add("lifting the firewall fence of " + target.name() + " failed: " + e.getMessage());
            return d.finish(Incident.Outcome.FAILED);
        }
        d.add("refused: " + target.name() + " is already the primary (its database is writable and the shop's records point"
                + " at " + target.ingressIp() + "): nothing to do");
        return d.finish(Incident.Outcome.FAILED);
    }

    private boolean isPrimary(String region, Duration timeout) {
        try {
            return databases.isPrimary(region, timeout);
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    private void writeEvent(DnsZone zone, FailoverEvent event, IncidentLog.Draft d) {
        try {
            ControlRecord.put(dns, zone, FailoverEvent.RECORD_NAME, event.toJson());
        } catch (LinodeApiException e) {
            d.add("recording the failback phase '" + event.phase() + "' in " + FailoverEvent.RECORD_NAME + " failed: " + e.getMessage());
        }
    }
}
