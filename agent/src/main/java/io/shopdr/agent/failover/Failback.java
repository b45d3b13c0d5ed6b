package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.agent.replication.SwitchoverStep;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The operator's planned move of the primary back to a region ({@code shopdr failback --to REGION}), in steps that
 * each either complete or are undone, so DNS never points at a read-only or fenced database:
 * <ol>
 * <li>read the zone: the region DNS names is where the primary moves from;</li>
 * <li>mark the failback in the zone as a new epoch (no controller acts meanwhile, and an overtaken failover stops);
 *     without the mark nothing else happens;</li>
 * <li>the loss-free database switchover {@code from → to} (the target stays behind its firewall fence: nothing but
 *     replication reaches it while it is still a stale replica);</li>
 * <li>lift the target's firewall fence (it is the writable primary now);</li>
 * <li>switch the shop's records to the target, then mark the failback done.</li>
 * </ol>
 * A failure before the switchover changes nothing. One during the switchover is judged by how far it got
 * ({@link SwitchoverStep}): before the old primary stopped taking writes nothing changed; once it stopped, it takes
 * writes again unless the target was promoted (or whether it was cannot be read: then neither takes writes, so two
 * never do). A failure after the promotion is undone in reverse: switchover back {@code to → from}, DNS on
 * {@code from}, the fence back on the target; when the switchover back fails, the target stays the primary, its fence
 * is lifted and DNS is pointed at it instead. A failback whose switch was complete but whose done-mark could not be
 * written is reported as failed, because the mark holds every controller's automatic failover until it is written.
 *
 * <p>Re-running the same command converges from wherever a previous run stopped (a failure it could not undo, or
 * its process dying): a switchover already done is not repeated, but the old primary and every other region are made
 * replicas of the new one; lifting the fence and switching DNS are idempotent; a run whose records already point at the target finishes
 * the failback the zone's event record names (re-point, fence, done-mark).
 *
 * <p>Open points: since the target stays fenced during the switchover, whoever runs the failback must reach its
 * database port past the fence; {@link FirewallFence} drops only the fenced region's own nodes, so a runner elsewhere
 * (another region's controller, the operator's machine) does, one in the target's region does not. And Linode applies
 * firewall changes asynchronously: for the seconds until the lift is in force, the target region's own nodes are still
 * shut out of the new primary that DNS already names.
 */
public final class Failback {
    /** How often the target's ingress is probed while waiting for the fence lift to take effect. */
    private static final Duration HEALTH_POLL = Duration.ofMillis(500);

    private final ControllerConfig config;
    private final DnsProvider dns;
    private final FirewallProvider firewalls;
    private final RegionDatabases databases;
    private final Clock clock;
    private final String by;
    private final IncidentLog incidents;
    private final Predicate<String> ingressHealthy;

    /**
     * @param ingressHealthy whether a region's ingress answers healthy now, as the controllers' probes see it: DNS moves
     *                       to the target only once it does — the fence lift is applied asynchronously (and the store
     *                       reaches its database only then), and a target DNS named while its probes still failed was
     *                       failed over again by a controller without a hold-down (a restarted one)
     */
    public Failback(ControllerConfig config, DnsProvider dns, FirewallProvider firewalls, RegionDatabases databases,
                    Clock clock, String by, IncidentLog incidents, Predicate<String> ingressHealthy) {
        this.ingressHealthy = ingressHealthy;
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
        DnsZone zone;
        List<DnsRecord> records;
        try {
            zone = dns.zone(config.domain());
            records = dns.records(zone);
        } catch (LinodeApiException e) {
            IncidentLog.Draft d = incidents.open(Incident.Kind.FAILBACK, null, to);
            d.add("stopped before any change: the shop's zone " + config.domain() + " could not be read (" + e.getMessage()
                    + "); re-run when the Linode API answers");
            return d.finish(Incident.Outcome.FAILED);
        }
        String currentIp = recordSwitch.currentTarget(records);
        String dnsRegion = config.regions().stream().filter(r -> r.ingressIp().equals(currentIp)).map(RegionConfig::name)
                .findFirst().orElse(null);
        FailoverEvent before = FailoverEvent.in(records);
        String from = to.equals(dnsRegion) ? unfinishedFrom(before, to) : dnsRegion;
        IncidentLog.Draft d = incidents.open(Incident.Kind.FAILBACK, from != null ? from : dnsRegion, to);
        if (dnsRegion == null) {
            d.add("refused: the shop's A record points at " + currentIp + ", which is no configured region's ingress;"
                    + " fix the record or the config before failing back");
            return d.finish(Incident.Outcome.FAILED);
        }
        FirewallFence fence = new FirewallFence(firewalls);
        if (from == null) {
            return converged(d, fence, target, timeout);
        }
        d.add(to.equals(dnsRegion)
                ? "the shop's records already point at " + to + ": finishing the failback from " + from + " that a previous"
                        + " run left " + before.phase() + " (epoch " + before.epochNumber() + "), requested by " + by
                : "failback from " + from + " to " + to + " requested by " + by);
        long epoch = (before == null ? 0 : before.epochNumber()) + 1;
        return new Attempt(d, zone, recordSwitch, fence, dnsRegion, from, target, epoch, timeout).run();
    }

    /**
     * The region a previous failback to {@code to} moved the primary from, when the zone's event record says that
     * failback never finished (it failed, or its process died before marking it done); null otherwise.
     */
    private String unfinishedFrom(FailoverEvent event, String to) {
        if (event == null || !FailoverEvent.FAILBACK.equals(event.kind()) || FailoverEvent.DONE.equals(event.phase())
                || !to.equals(event.to()) || event.from() == null || event.from().equals(to)) {
            return null;
        }
        return config.regionNames().contains(event.from()) ? event.from() : null;
    }

    /** How far a failback got (what a failure must undo). */
    private enum Step { NOTHING, WRITES_STOPPED, SWITCHED_OVER, FENCE_LIFTED }

    /** The last {@link SwitchoverStep} a switchover reported (null: none). */
    private static final class Reached {
        private SwitchoverStep step;

        void record(SwitchoverStep s) {
            step = s;
        }
    }

    /** One run's state: what it has done so far, so a failure undoes exactly that. */
    private final class Attempt {
        private final IncidentLog.Draft d;
        private final DnsZone zone;
        private final ShopRecordSwitch recordSwitch;
        private final FirewallFence fence;
        /** The region DNS named when the run started. */
        private final String dnsRegion;
        private final String from;
        private final String to;
        private final RegionConfig target;
        private final long epoch;
        private final Duration timeout;
        private Step step = Step.NOTHING;
        /** Whether this run's switchover promoted the target (a switchover a previous run did is not undone). */
        private boolean promotedHere;
        private boolean targetFenced;

        Attempt(IncidentLog.Draft d, DnsZone zone, ShopRecordSwitch recordSwitch, FirewallFence fence, String dnsRegion,
                String from, RegionConfig target, long epoch, Duration timeout) {
            this.d = d;
            this.zone = zone;
            this.recordSwitch = recordSwitch;
            this.fence = fence;
            this.dnsRegion = dnsRegion;
            this.from = from;
            this.to = target.name();
            this.target = target;
            this.epoch = epoch;
            this.timeout = timeout;
        }

        Incident run() {
            try {
                mark(FailoverEvent.STARTED);
            } catch (LinodeApiException e) {
                d.add("stopped before any change: the failback could not be marked in " + FailoverEvent.RECORD_NAME + " ("
                        + e.getMessage() + "); without the mark the controllers would not hold off and a failover in flight"
                        + " would not stop. Re-run when the Linode API answers");
                return d.finish(Incident.Outcome.FAILED);
            }
            d.add("marked in " + FailoverEvent.RECORD_NAME + " as epoch " + epoch + ": every controller holds off until it is done");
            try {
                targetFenced = target.firewallId() != 0
                        && FirewallFence.isFenced(firewalls.rules(target.firewallId()), target.databasePort());
                switchDatabases();
                liftFence();
                awaitTargetHealthy();
                List<String> changes = recordSwitch.switchTo(zone, target.ingressIp(), target.ingressIpv6());
                d.add("DNS switched to " + to + " (" + target.ingressIp() + "): "
                        + (changes.isEmpty() ? "records already pointed there" : String.join("; ", changes)));
            } catch (RuntimeException e) {
                d.add("failback stopped: " + e.getMessage());
                restore();
                try {
                    mark(FailoverEvent.FAILED);
                } catch (RuntimeException markFailed) {
                    d.add("the failback could not be marked failed in " + FailoverEvent.RECORD_NAME + " ("
                            + markFailed.getMessage() + "): the controllers hold off until a re-run marks it, at most "
                            + FailoverController.FAILBACK_MARKER_MAX_AGE.toMinutes() + " min");
                }
                return d.finish(Incident.Outcome.FAILED);
            }
            try {
                mark(FailoverEvent.DONE);
            } catch (LinodeApiException e) {
                d.add("the shop runs on " + to + ", but the failback could not be marked done in " + FailoverEvent.RECORD_NAME
                        + " (" + e.getMessage() + "): every controller holds off automatic failover until it is (at most "
                        + FailoverController.FAILBACK_MARKER_MAX_AGE.toMinutes() + " min); re-run `shopdr failback --to " + to
                        + "` to mark it");
                return d.finish(Incident.Outcome.FAILED);
            }
            return d.finish(Incident.Outcome.COMPLETED);
        }

        /** The switchover, or, when a previous run did it, the old primary made a replica of the new one. */
        private void switchDatabases() {
            if (isPrimary(to) && !isPrimary(from)) {
                step = Step.SWITCHED_OVER;
                d.add("database switchover " + from + " → " + to + " already done (by a previous run): " + to
                        + " is the writable primary");
                // the old primary first: a process that died after the promotion re-pointed nothing
                for (String region : replicasOf(to)) {
                    databases.rejoin(to, region, timeout);
                    d.add(region + " replicates from " + to + " and has executed everything " + to + " has");
                }
            } else {
                databases.switchover(from, to, timeout, this::reached);
                d.add("database switchover " + from + " → " + to + " completed (writes stopped on " + from
                        + ", " + to + " caught up before promotion: no transaction lost; " + from + " replicates from " + to + ")");
            }
            d.rpo(OptionalLong.of(0), null);
        }

        private void reached(SwitchoverStep s) {
            if (s == SwitchoverStep.CAUGHT_UP) {
                step = Step.WRITES_STOPPED;
                d.add("writes stopped on " + from + "; " + to + " executed everything " + from + " had");
            } else if (s == SwitchoverStep.PROMOTED) {
                step = Step.SWITCHED_OVER;
                promotedHere = true;
                d.add(to + " promoted: it is the writable primary");
            }
        }

        /**
         * Waits (within the failback's timeout) until the target's ingress answers healthy, so the controllers' probes
         * see the region up as soon as DNS names it; throws, and the failback is undone, when it never does.
         */
        private void awaitTargetHealthy() {
            long deadline = System.nanoTime() + timeout.toNanos();
            long started = System.nanoTime();
            while (!ingressHealthy.test(to)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(to + "'s ingress did not answer healthy within " + timeout.toSeconds()
                            + " s of the fence lift; DNS left on " + from);
                }
                try {
                    Thread.sleep(HEALTH_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + to + "'s ingress to answer healthy");
                }
            }
            d.add(to + "'s ingress answers healthy (" + (System.nanoTime() - started) / 1_000_000 + " ms after the fence lift)");
        }

        private void liftFence() {
            if (target.firewallId() != 0) {
                boolean lifted = fence.lift(target.firewallId());
                d.add(lifted ? "firewall fence of " + to + " lifted (firewall " + target.firewallId() + ")"
                        : "no firewall fence on " + to + " to lift");
            }
            step = Step.FENCE_LIFTED;
        }

        /**
         * Undoes what this run did: makes the region that takes writes the one DNS names, with no fence in front of it.
         * See the class comment for the order.
         */
        private void restore() {
            if (step == Step.NOTHING) {
                d.add("nothing changed: DNS still points at " + dnsRegion + ", and the databases and the fence are as they were;"
                        + " fix the cause and re-run");
                return;
            }
            String writable = to;
            if (step == Step.WRITES_STOPPED) {
                writable = writableAfterFailedSwitchover(from, to, SwitchoverStep.CAUGHT_UP);
                promotedHere = to.equals(writable);
            }
            if (promotedHere) {
                Reached back = new Reached();
                try {
                    databases.switchover(to, from, timeout, back::record);
                    writable = from;
                    d.add("restored: database switchover back " + to + " → " + from);
                } catch (RuntimeException e) {
                    d.add("could not switch back to " + from + " (" + e.getMessage() + ")");
                    writable = writableAfterFailedSwitchover(to, from, back.step);
                }
            }
            if (writable == null) {
                d.add("neither database takes writes now (so two never do); re-run `shopdr failback --to " + to
                        + "` to finish the switchover");
                return;
            }
            if (writable.equals(from)) {
                pointDnsAt(from);
                if (targetFenced) {
                    try {
                        if (fence.apply(target.firewallId(), target.databasePort(), to)) {
                            d.add("restored: firewall fence of " + to + " back in place");
                        }
                    } catch (RuntimeException e) {
                        d.add("the firewall fence of " + to + " could not be put back (" + e.getMessage() + "); " + to
                                + " is a read-only replica: re-run the failback or fence it by hand");
                    }
                }
            } else {
                d.add(to + " stays the writable primary");
                try {
                    if (target.firewallId() != 0 && fence.lift(target.firewallId())) {
                        d.add("firewall fence of " + to + " lifted: DNS is to name it");
                    }
                    pointDnsAt(to);
                } catch (RuntimeException e) {
                    d.add("the firewall fence of " + to + " could not be lifted (" + e.getMessage() + "): DNS left as it is");
                }
            }
            d.add("re-run `shopdr failback --to " + to + "` to try again; it continues from where the databases are"
                    + (writable.equals(from) ? "" : " (the primary is now " + to + ")"));
        }

        /**
         * Which region takes writes after a switchover {@code old → cand} failed once it had reached {@code reached}
         * (null: before the old primary stopped taking writes, which the switchover then undid itself). After
         * {@link SwitchoverStep#CAUGHT_UP} the candidate's own state decides: promoted, it is the one; read-only, the
         * old primary takes writes again; unreadable, neither is made writable (null).
         */
        private String writableAfterFailedSwitchover(String old, String cand, SwitchoverStep reached) {
            if (reached == null) return old;
            if (reached == SwitchoverStep.PROMOTED) return cand;
            Optional<Boolean> promoted = primaryState(cand);
            if (promoted.isEmpty()) {
                d.add("whether " + cand + " was promoted cannot be read: " + old + " stays read-only");
                return null;
            }
            if (promoted.get()) {
                d.add(cand + " was promoted before the failure");
                return cand;
            }
            try {
                databases.lift(old);
                d.add("restored: writes resumed on " + old + " (" + cand + " was not promoted)");
                return old;
            } catch (RuntimeException e) {
                d.add("writes could not be resumed on " + old + " (" + e.getMessage() + ")");
                return null;
            }
        }

        private void pointDnsAt(String region) {
            RegionConfig r = config.region(region);
            try {
                List<String> changes = recordSwitch.switchTo(zone, r.ingressIp(), r.ingressIpv6());
                d.add("restored: DNS points at " + region + ", the writable primary"
                        + (changes.isEmpty() ? " (it already did)" : ": " + String.join("; ", changes)));
            } catch (RuntimeException e) {
                d.add("DNS could not be pointed at " + region + " (" + e.getMessage() + "): re-run the failback to converge");
            }
        }

        /** Every region but {@code primary}, the old primary first. */
        private List<String> replicasOf(String primary) {
            List<String> others = new java.util.ArrayList<>(List.of(from));
            config.regionNames().stream().filter(r -> !r.equals(primary) && !r.equals(from)).forEach(others::add);
            return others;
        }

        private boolean isPrimary(String region) {
            return Failback.this.isPrimary(region, timeout);
        }

        private Optional<Boolean> primaryState(String region) {
            return Failback.this.primaryState(region, timeout);
        }

        private void mark(String phase) {
            ControlRecord.put(dns, zone, FailoverEvent.RECORD_NAME,
                    FailoverEvent.of(FailoverEvent.FAILBACK, phase, from, to, clock.instant(), by).withEpoch(epoch).toJson());
        }
    }

    /**
     * DNS already names {@code to} and no failback to it is unfinished: finish what a previous run left (the fence)
     * once its database is the primary.
     */
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
        return primaryState(region, timeout).orElse(false);
    }

    /** Whether {@code region}'s database is the writable primary; empty when it cannot be read. */
    private Optional<Boolean> primaryState(String region, Duration timeout) {
        try {
            return Optional.of(databases.isPrimary(region, timeout));
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }
}
