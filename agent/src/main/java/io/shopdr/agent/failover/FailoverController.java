package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.health.HealthObserver;
import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.health.ProbeResult;
import io.shopdr.agent.health.ProbeTarget;
import io.shopdr.agent.health.Quorum;
import io.shopdr.agent.health.QuorumVerdict;
import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.health.Vote;
import io.shopdr.agent.health.VoteBoard;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failover controller of one region (or a witness, which only probes and votes). Every probe interval it
 * probes every region, publishes its votes, reads everyone's votes and drives the state machine
 * ({@link ControllerState}): when the quorum declares the primary down, the controller of the first live standby
 * region (config order) fences the old primary (SQL, then Cloud Firewall), promotes the most advanced standby,
 * switches the shop's A/AAAA records to the new primary's ingress and records an incident. It changes nothing
 * when every region looks down, and not again within the hold-down after a failover. Which region is primary is
 * read from the shop's A record, so every controller agrees on it after a switch.
 *
 * <p>Use: construct, {@link #start()}, observe via {@link #state()}, {@link #incidents()} and listeners,
 * {@link #stop()}. {@link #tick()} runs one cycle synchronously (tests and the drill may drive it directly).
 */
public final class FailoverController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FailoverController.class.getName());
    /** A failback marker older than this no longer blocks controllers (the failback process died). */
    static final Duration FAILBACK_MARKER_MAX_AGE = Duration.ofMinutes(15);

    private final ControllerConfig config;
    private final String self;
    private final boolean witness;
    private final DnsProvider dns;
    private final FirewallProvider firewalls;
    private final RegionDatabases databases;
    private final Clock clock;
    private final HttpProbe probe;
    private final VoteBoard board;
    private final HealthObserver observer;
    private final Quorum quorum;
    private final ShopRecordSwitch recordSwitch;
    private final FirewallFence fence;
    private final IncidentLog incidents;
    private final List<ControllerListener> listeners = new CopyOnWriteArrayList<>();

    private volatile ControllerState state = ControllerState.PRIMARY_HEALTHY;
    private volatile String stateReason = "starting";
    private volatile String primary;
    private volatile String lastSeenPrimaryGtid;
    private volatile ObservationRound lastRound;
    private volatile String lastError;
    private volatile long failoversTotal;
    private volatile FailoverEvent lastEvent;
    private volatile long lastCycleNanos;
    private Instant lastZoneReadAt;
    private ScheduledExecutorService scheduler;

    // failover in progress (owned by the tick thread)
    private IncidentLog.Draft failover;
    private String pendingDnsRegion;
    private String failoverFrom;
    private Instant failoverDetectedAt;
    private java.util.OptionalLong failoverRpo = java.util.OptionalLong.empty();
    private Instant lastFailoverAt;
    private Instant retryAfter;
    private IncidentLog.Draft allDown;
    private String holdDownNotedFor;

    /**
     * @param self      this controller's region name, or a witness name from {@code config.witnesses()}
     * @param firewalls Cloud Firewall API for the fence (may be null for a witness)
     * @param databases database operations (may be null for a witness)
     */
    public FailoverController(ControllerConfig config, String self, DnsProvider dns, FirewallProvider firewalls,
                              RegionDatabases databases, Clock clock) {
        this(config, self, dns, firewalls, databases, clock, null);
    }

    /** As above with an explicit probe (e.g. one trusting a private CA); null = built from the config. */
    public FailoverController(ControllerConfig config, String self, DnsProvider dns, FirewallProvider firewalls,
                              RegionDatabases databases, Clock clock, HttpProbe probe) {
        this.config = config;
        this.self = self;
        this.witness = !config.isRegion(self);
        if (witness && !config.witnesses().contains(self)) {
            throw new IllegalArgumentException("'" + self + "' is neither a configured region " + config.regionNames()
                    + " nor a witness " + config.witnesses() + "; pass one of them as --region");
        }
        if (!witness && (databases == null || firewalls == null)) {
            throw new IllegalArgumentException("the controller of region " + self + " needs database and firewall access");
        }
        this.dns = dns;
        this.firewalls = firewalls;
        this.databases = databases;
        this.clock = clock;
        this.probe = probe != null ? probe : HttpProbe.withDomainVerification(config.connectTimeout(),
                config.readTimeout(), config.hostHeader(), null, "shopdr-probe/" + self);
        this.board = new VoteBoard(dns, config.domain());
        this.observer = new HealthObserver(self, probeTargets(config), this.probe, board, config.failureThreshold(),
                config.successThreshold(), config.voteRefresh(), clock);
        this.observer.addVoteListener(v -> listeners.forEach(l -> l.votePublished(v)));
        this.quorum = new Quorum(config.voteStaleAfter());
        this.recordSwitch = new ShopRecordSwitch(dns, config.recordNames(), config.recordTtl());
        this.fence = firewalls == null ? null : new FirewallFence(firewalls);
        this.incidents = new IncidentLog(self, clock, config.incidentDir());
        this.incidents.addListener(i -> listeners.forEach(l -> l.incidentUpdated(i)));
        this.primary = config.homeRegion().name();
    }

    static List<ProbeTarget> probeTargets(ControllerConfig config) {
        List<ProbeTarget> targets = new ArrayList<>();
        for (RegionConfig r : config.regions()) {
            targets.add(r.probeUrl() != null
                    ? new ProbeTarget(r.name(), URI.create(r.probeUrl()), config.hostHeader())
                    : ProbeTarget.of(r.name(), config.probeScheme(), r.ingressIp(), config.hostHeader(), config.probePath()));
        }
        return targets;
    }

    // ---- public API -------------------------------------------------------------------------------------------

    public void addListener(ControllerListener listener) {
        listeners.add(listener);
    }

    /**
     * Checks that the zone is reachable with the token (throws {@link LinodeApiException} with the operator-facing reason,
     * e.g. "token lacks domains:read_write") and starts probing every probe interval.
     */
    public synchronized void start() {
        if (scheduler != null) throw new IllegalStateException("controller " + self + " already started");
        board.zone();
        if (config.zoneListingsPerMinute() > ControllerConfig.LISTINGS_PER_MINUTE_LIMIT / 2
                || config.voteWritesPerMinute() > ControllerConfig.OTHER_REQUESTS_PER_MINUTE_LIMIT / 2) {
            LOG.warning("controller " + self + ": " + config.observers().size() + " observers probing every "
                    + config.probeInterval().toMillis() + " ms make about " + config.zoneListingsPerMinute()
                    + " zone listings and " + config.voteWritesPerMinute() + " vote writes per minute together in steady"
                    + " state; Linode allows " + ControllerConfig.LISTINGS_PER_MINUTE_LIMIT + " paginated listings and "
                    + ControllerConfig.OTHER_REQUESTS_PER_MINUTE_LIMIT + " other requests per minute per user (every"
                    + " token of one user shares them), and a failover needs headroom: raise probeInterval/voteRefresh");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shopdr-controller-" + self);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::safeTick, 0, config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("controller " + self + (witness ? " (witness)" : "") + " started; regions " + config.regionNames());
    }

    /**
     * Stops probing: a running cycle may finish within a grace period (2 probe intervals + 5 s), else it is
     * interrupted. The controller can be inspected afterwards.
     */
    public void stop() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s == null) return;
        s.shutdown();
        try {
            // a cycle stuck in API retries is interrupted after a grace period; a later start() resumes its work
            long grace = config.probeInterval().multipliedBy(2).plusSeconds(5).toMillis();
            if (!s.awaitTermination(grace, TimeUnit.MILLISECONDS)) s.shutdownNow();
        } catch (InterruptedException e) {
            s.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        probe.close();
    }

    /** Whether {@link #start()} was called and {@link #stop()} not yet. */
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The injected clock (votes and hold-downs use it). */
    public Clock clock() {
        return clock;
    }

    /** Wall time since the last cycle finished (Duration of many years before the first). */
    public Duration lastCycleAge() {
        long at = lastCycleNanos;
        return at == 0 ? Duration.ofDays(365 * 100) : Duration.ofNanos(System.nanoTime() - at);
    }

    public String name() {
        return self;
    }

    public boolean isWitness() {
        return witness;
    }

    public ControllerConfig config() {
        return config;
    }

    public ControllerState state() {
        return state;
    }

    /** Why the controller is in its state (last reason given). */
    public String stateReason() {
        return stateReason;
    }

    /** The region this controller believes is primary (from the shop's A record). */
    public String primaryRegion() {
        return primary;
    }

    public List<Incident> incidents() {
        return incidents.all();
    }

    /** The last observation (probe results, votes), or null before the first cycle. */
    public ObservationRound lastRound() {
        return lastRound;
    }

    /** This observer's hysteresis view of every region. */
    public Map<String, TargetState> localView() {
        return observer.localStates();
    }

    /** The probing half (the drill simulates a partition with {@link HealthObserver#replaceTarget}). */
    public HealthObserver observer() {
        return observer;
    }

    /** The primary's GTID set as last polled while it was healthy (the RPO reference), or null. */
    public String lastSeenPrimaryGtid() {
        return lastSeenPrimaryGtid;
    }

    public long failoversTotal() {
        return failoversTotal;
    }

    /** The last error of a cycle (DNS or database), or null. */
    public String lastError() {
        return lastError;
    }

    /** The quorum's current verdict about {@code region}, from the last cycle's votes. */
    public QuorumVerdict verdict(String region) {
        ObservationRound r = lastRound;
        return quorum.verdict(region, r == null ? List.of() : r.votes(), clock.instant());
    }

    /**
     * Operator-initiated failback to {@code region} (planned switchover + DNS, no loss), run in the caller's thread
     * while this controller reports FAILING_BACK.
     */
    public Incident failback(String region, Duration timeout) {
        if (witness) throw new IllegalStateException("a witness has no database access; run failback from a region's controller");
        ControllerState before = state;
        setState(ControllerState.FAILING_BACK, "operator failback to " + region);
        Incident result = new Failback(config, dns, firewalls, databases, clock, self, incidents).run(region, timeout);
        synchronized (this) {
            if (result.outcome() == Incident.Outcome.COMPLETED) primary = region;
            setState(result.outcome() == Incident.Outcome.COMPLETED ? baseState() : before,
                    "failback to " + region + " " + result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        }
        return result;
    }

    // ---- the cycle ----------------------------------------------------------------------------------------------

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.log(Level.WARNING, "controller " + self + ": cycle failed: " + e.getMessage(), e);
        }
    }

    /** One cycle: observe, learn the primary from DNS, poll its GTID position, decide. */
    public synchronized void tick() {
        ObservationRound round = observer.tick(this::mustReadZone);
        lastRound = round;
        if (round.dnsError() != null) lastError = round.dnsError();
        if (round.records() != null) {
            lastZoneReadAt = round.at();
            String seen = regionOfIngress(recordSwitch.currentTarget(round.records()));
            if (seen != null && pendingDnsRegion == null) primary = seen;
            lastEvent = FailoverEvent.in(round.records());
        }
        pollPrimaryGtid(round);
        for (ControllerListener l : listeners) l.roundCompleted(self, round);
        decide(round);
        lastCycleNanos = System.nanoTime();
        scheduleRecheck();
    }

    /**
     * Whether this cycle lists the zone. Calm (this controller in its base state, no failover in flight, the primary
     * answering its probe and up in its own hysteresis, no fresh vote of another observer calling it anything but up
     * at the last read): only every {@link ControllerConfig#calmZoneReadInterval()}, which keeps every observer's
     * listings together under half of Linode's paginated-collection limit. Anything else: every cycle, as before, so
     * detection is unchanged whenever this controller itself sees the primary fail; only when the others see a
     * failure this controller does not does it learn of their votes up to one calm interval later.
     */
    private boolean mustReadZone(List<ProbeResult> results) {
        Instant now = clock.instant();
        if (lastZoneReadAt == null || !now.isBefore(lastZoneReadAt.plus(config.calmZoneReadInterval()))) return true;
        if (state != baseState() || pendingDnsRegion != null || failover != null) return true;
        if (results.stream().anyMatch(r -> r.region().equals(primary) && !r.healthy())) return true;
        if (observer.localStates().get(primary) != TargetState.UP) return true;
        ObservationRound last = lastRound;
        return last != null && last.votes().stream().anyMatch(v -> v.target().equals(primary)
                && !v.observer().equals(self) && v.targetState() != TargetState.UP && quorum.isFresh(v, now));
    }

    /**
     * While the primary is suspect, the votes are read once more half-way to the next cycle: the quorum often
     * completes between cycles (another observer's vote lands, the lost region's last vote goes stale), and reacting
     * half an interval earlier shortens the outage at the cost of one extra read only while suspicious.
     */
    private void scheduleRecheck() {
        ScheduledExecutorService s = scheduler;
        if (witness || s == null || state != ControllerState.PRIMARY_SUSPECT) return;
        try {
            s.schedule(this::recheck, config.probeInterval().toMillis() / 2, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private synchronized void recheck() {
        ObservationRound last = lastRound;
        if (scheduler == null || last == null || state != ControllerState.PRIMARY_SUSPECT) return;
        try {
            List<DnsRecord> records = board.records();
            List<Vote> votes = new ArrayList<>();
            for (Vote v : VoteBoard.votesIn(records)) if (!v.observer().equals(self)) votes.add(v);
            votes.addAll(observer.ownVotes());
            lastEvent = FailoverEvent.in(records);
            ObservationRound r = new ObservationRound(clock.instant(), last.results(), last.localStates(), records, votes, null);
            lastRound = r;
            decide(r);
        } catch (RuntimeException e) {
            lastError = e.getMessage();
        }
    }

    private void pollPrimaryGtid(ObservationRound round) {
        if (witness || state == ControllerState.FAILING_OVER || state == ControllerState.FAILING_BACK) return;
        boolean healthy = round.results().stream().anyMatch(r -> r.region().equals(primary) && r.healthy());
        if (!healthy) return;
        try {
            Duration budget = config.probeInterval().dividedBy(2);
            lastSeenPrimaryGtid = databases.gtidPosition(primary, budget.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : budget);
        } catch (RuntimeException e) {
            // the probe decides health; an unreadable position only keeps the previous reference
            LOG.fine("cannot read GTID position of " + primary + ": " + e.getMessage());
        }
    }

    private void decide(ObservationRound round) {
        Instant now = round.at();
        if (pendingDnsRegion != null) {
            completeDnsSwitch();
            return;
        }
        FailoverEvent event = lastEvent;
        if (event != null && FailoverEvent.FAILBACK.equals(event.kind()) && FailoverEvent.STARTED.equals(event.phase())
                && now.isBefore(event.atInstant().plus(FAILBACK_MARKER_MAX_AGE))) {
            setState(ControllerState.FAILING_BACK, "operator failback to " + event.to() + " running (by " + event.by() + ")");
            return;
        }
        QuorumVerdict v = quorum.verdict(primary, round.votes(), now);
        if (!v.down()) {
            closeAllDown("primary " + primary + " no longer quorum-down: " + v.reason());
            boolean localDown = round.localStates().get(primary) == TargetState.DOWN;
            if (!v.downObservers().isEmpty() || localDown) {
                setState(ControllerState.PRIMARY_SUSPECT, v.reason());
            } else {
                setState(baseState(), "primary " + primary + " is up (" + v.reason() + ")");
                maybeAutoFailback(round, now);
            }
            return;
        }
        if (witness) {
            setState(ControllerState.PRIMARY_SUSPECT, v.reason() + "; a witness never acts");
            return;
        }
        List<String> candidates = new ArrayList<>();
        for (RegionConfig r : config.regions()) {
            if (!r.name().equals(primary) && quorum.verdict(r.name(), round.votes(), now).up()) candidates.add(r.name());
        }
        if (candidates.isEmpty()) {
            alertAllDown(round, v, now);
            setState(ControllerState.PRIMARY_SUSPECT, "every region looks down: changing nothing (" + v.reason() + ")");
            return;
        }
        closeAllDown("standby " + candidates + " up again");
        Instant holdUntil = holdDownUntil();
        if (holdUntil != null && now.isBefore(holdUntil)) {
            String note = "primary " + primary + " is down (" + v.reason() + ") but a failover happened recently: hold-down until " + holdUntil;
            if (!holdUntil.toString().equals(holdDownNotedFor)) LOG.warning(self + ": " + note);
            holdDownNotedFor = holdUntil.toString();
            setState(ControllerState.PRIMARY_SUSPECT, note);
            return;
        }
        if (retryAfter != null && now.isBefore(retryAfter)) {
            setState(ControllerState.PRIMARY_SUSPECT, v.reason() + "; retrying the failover after " + retryAfter);
            return;
        }
        String actor = null;
        for (String c : candidates) {
            boolean alive = round.votes().stream().anyMatch(x -> x.observer().equals(c) && quorum.isFresh(x, now));
            if (alive) {
                actor = c;
                break;
            }
        }
        if (!self.equals(actor)) {
            setState(ControllerState.PRIMARY_SUSPECT, v.reason() + "; the controller of "
                    + (actor == null ? "a standby region (none has fresh votes yet)" : actor) + " acts");
            return;
        }
        if (event != null && FailoverEvent.FAILOVER.equals(event.kind()) && FailoverEvent.STARTED.equals(event.phase())
                && !self.equals(event.by()) && now.isBefore(event.atInstant().plus(claimValidity()))) {
            setState(ControllerState.PRIMARY_SUSPECT, "failover of " + event.from() + " already claimed by " + event.by());
            return;
        }
        runFailover(v);
    }

    private ControllerState baseState() {
        return primary.equals(config.homeRegion().name()) ? ControllerState.PRIMARY_HEALTHY : ControllerState.FAILED_OVER;
    }

    private Instant holdDownUntil() {
        Instant last = lastFailoverAt;
        FailoverEvent e = lastEvent;
        if (e != null && FailoverEvent.FAILOVER.equals(e.kind()) && FailoverEvent.DONE.equals(e.phase())) {
            Instant shared = e.atInstant();
            if (last == null || shared.isAfter(last)) last = shared;
        }
        return last == null ? null : last.plus(config.holdDown());
    }

    private void runFailover(QuorumVerdict v) {
        String old = primary;
        failoverFrom = old;
        failoverDetectedAt = clock.instant();
        setState(ControllerState.FAILING_OVER, v.reason());
        IncidentLog.Draft d = incidents.open(Incident.Kind.FAILOVER, old, null);
        failover = d;
        d.add("quorum declared " + old + " down: " + v.reason());
        RegionConfig oldRegion = config.region(old);
        String refused = claim(old);
        if (refused != null) {
            d.add(refused);
            d.finish(Incident.Outcome.FAILED);
            failover = null;
            retryAfter = clock.instant().plus(config.probeInterval().multipliedBy(10));
            lastError = refused;
            setState(ControllerState.PRIMARY_SUSPECT, refused);
            return;
        }
        d.add("claimed the failover in " + FailoverEvent.RECORD_NAME);

        try {
            boolean fenced = databases.fence(old, config.sqlFenceTimeout());
            d.add(fenced ? "SQL fence: database of " + old + " is read-only"
                    : "SQL fence: database of " + old + " not reachable within " + config.sqlFenceTimeout().toMillis()
                    + " ms; relying on the firewall fence");
        } catch (RuntimeException e) {
            d.add("SQL fence of " + old + " failed: " + e.getMessage());
        }
        if (oldRegion.firewallId() == 0) {
            d.add("firewall fence skipped: no firewallId configured for " + old);
        } else {
            try {
                boolean applied = fence.apply(oldRegion.firewallId(), oldRegion.databasePort());
                d.add("firewall fence: firewall " + oldRegion.firewallId() + " of " + old + " drops port "
                        + oldRegion.databasePort() + (applied ? "" : " (already in place)"));
            } catch (LinodeApiException e) {
                d.add("firewall fence of firewall " + oldRegion.firewallId() + " failed: " + e.getMessage());
            }
        }
        Promotion p;
        try {
            p = databases.failover(old, Optional.ofNullable(lastSeenPrimaryGtid));
        } catch (RuntimeException e) {
            d.add("promotion failed: " + e.getMessage());
            releaseClaim(old, d);
            d.finish(Incident.Outcome.FAILED);
            failover = null;
            retryAfter = clock.instant().plus(config.probeInterval().multipliedBy(10));
            lastError = "promotion failed: " + e.getMessage();
            setState(ControllerState.PRIMARY_SUSPECT, "promotion failed; retrying after " + retryAfter);
            return;
        }
        if (!config.isRegion(p.newPrimary())) {
            d.add("promotion chose " + p.newPrimary() + ", which is not a configured region; DNS left unchanged");
            releaseClaim(old, d);
            d.finish(Incident.Outcome.FAILED);
            failover = null;
            retryAfter = clock.instant().plus(config.holdDown());
            setState(ControllerState.PRIMARY_SUSPECT, "promotion result unusable");
            return;
        }
        d.to(p.newPrimary()).rpo(p.lostTransactions(), lastSeenPrimaryGtid);
        d.add("promoted " + p.newPrimary() + ": " + p.detail() + "; RPO "
                + (p.lostTransactions().isPresent() ? p.lostTransactions().getAsLong() + " transaction(s)" : "unknown"));
        lastFailoverAt = clock.instant();
        failoverRpo = p.lostTransactions();
        failoversTotal++;
        pendingDnsRegion = p.newPrimary();
        completeDnsSwitch();
    }

    private void completeDnsSwitch() {
        IncidentLog.Draft d = failover;
        RegionConfig target = config.region(pendingDnsRegion);
        try {
            List<String> changes = recordSwitch.switchTo(board.zone(), target.ingressIp(), target.ingressIpv6());
            d.add("DNS switched to " + target.name() + " (" + target.ingressIp() + "): "
                    + (changes.isEmpty() ? "records already pointed there" : String.join("; ", changes)));
        } catch (LinodeApiException e) {
            String msg = "DNS switch to " + target.name() + " failed: " + e.getMessage() + " (retrying every probe interval)";
            if (!msg.equals(d.lastEvent())) d.add(msg);
            lastError = msg;
            setState(ControllerState.FAILING_OVER, msg);
            return;
        }
        primary = target.name();
        pendingDnsRegion = null;
        try {
            writeEvent(FailoverEvent.failoverDone(failoverFrom, target.name(), self, failoverRpo, failoverDetectedAt,
                    lastFailoverAt, clock.instant()));
        } catch (LinodeApiException e) {
            d.add("recording the failover in " + FailoverEvent.RECORD_NAME + " failed: " + e.getMessage());
        }
        d.finish(Incident.Outcome.COMPLETED);
        failover = null;
        setState(baseState(), "failed over from " + failoverFrom + " to " + target.name());
    }

    private Duration claimValidity() {
        Duration tenTicks = config.probeInterval().multipliedBy(10);
        return tenTicks.compareTo(Duration.ofSeconds(30)) > 0 ? tenTicks : Duration.ofSeconds(30);
    }

    /**
     * Writes this controller's claim on the failover into the shared event record and reads it back after a short
     * pause: when two controllers race (they disagree for a moment about who is alive), the last writer wins and
     * the other backs off. Returns null when the claim holds, else why this controller must not act (a controller
     * that cannot write the zone could not switch DNS either, so it must not promote).
     */
    private String claim(String old) {
        Instant at = clock.instant();
        try {
            writeEvent(FailoverEvent.of(FailoverEvent.FAILOVER, FailoverEvent.STARTED, old, null, at, self));
            Thread.sleep(Math.min(100, config.probeInterval().toMillis() / 4));
            FailoverEvent seen = FailoverEvent.in(dns.records(board.zone()));
            if (seen == null || !self.equals(seen.by()) || !FailoverEvent.STARTED.equals(seen.phase())) {
                return "not failing over: the failover was claimed by " + (seen == null ? "nobody (record vanished)" : seen.by());
            }
            return null;
        } catch (LinodeApiException e) {
            return "not failing over: cannot claim the failover in the zone (" + e.getMessage()
                    + "); without write access DNS could not be switched either";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not failing over: interrupted";
        }
    }

    private void releaseClaim(String old, IncidentLog.Draft d) {
        try {
            writeEvent(FailoverEvent.of(FailoverEvent.FAILOVER, "failed", old, null, clock.instant(), self));
        } catch (LinodeApiException e) {
            d.add("releasing the failover claim failed: " + e.getMessage());
        }
    }

    private void writeEvent(FailoverEvent event) {
        List<DnsRecord> records = dns.records(board.zone());
        DnsRecord existing = FailoverEvent.recordIn(records);
        if (existing == null) dns.create(board.zone(), DnsRecord.of("TXT", FailoverEvent.RECORD_NAME, event.toJson(), VoteBoard.VOTE_TTL_SEC));
        else dns.update(board.zone(), existing.withTarget(event.toJson()));
        lastEvent = event;
    }

    private void alertAllDown(ObservationRound round, QuorumVerdict primaryVerdict, Instant now) {
        if (allDown != null) return;
        IncidentLog.Draft d = incidents.open(Incident.Kind.ALL_DOWN, primary, null);
        allDown = d;
        d.add("ALERT: every region looks down; changing nothing (DNS, databases and firewalls untouched)");
        d.add("primary " + primary + ": " + primaryVerdict.reason());
        for (RegionConfig r : config.regions()) {
            if (r.name().equals(primary)) continue;
            d.add("standby " + r.name() + ": " + quorum.verdict(r.name(), round.votes(), now).reason());
        }
        LOG.severe(self + ": ALERT every region looks down; no failover (see incident " + d.snapshot().id() + ")");
    }

    private void closeAllDown(String why) {
        if (allDown == null) return;
        allDown.add("recovered: " + why);
        allDown.finish(Incident.Outcome.ALERTED);
        allDown = null;
    }

    private void maybeAutoFailback(ObservationRound round, Instant now) {
        String home = config.homeRegion().name();
        if (!config.autoFailback() || primary.equals(home) || !self.equals(primary)) return;
        Instant hold = holdDownUntil();
        if (hold != null && now.isBefore(hold)) return;
        if (!quorum.verdict(home, round.votes(), now).up()) return;
        LOG.info(self + ": autoFailback is on and " + home + " is up again: failing back");
        ControllerState before = state;
        setState(ControllerState.FAILING_BACK, "automatic failback to " + home);
        Incident i = new Failback(config, dns, firewalls, databases, clock, self, incidents).run(home, Duration.ofMinutes(2));
        if (i.outcome() == Incident.Outcome.COMPLETED) primary = home;
        else lastFailoverAt = now; // do not retry every cycle: wait a hold-down
        setState(i.outcome() == Incident.Outcome.COMPLETED ? baseState() : before, "automatic failback " + i.outcome());
    }

    private String regionOfIngress(String ip) {
        if (ip == null) return null;
        for (RegionConfig r : config.regions()) if (ip.equals(r.ingressIp())) return r.name();
        return null;
    }

    private void setState(ControllerState to, String reason) {
        ControllerState from = state;
        stateReason = reason;
        if (from == to) return;
        state = to;
        LOG.info("controller " + self + ": " + from + " → " + to + " (" + reason + ")");
        for (ControllerListener l : listeners) l.stateChanged(self, from, to, reason);
    }

    /** Probe results of the last cycle (for metrics). */
    public List<ProbeResult> lastProbeResults() {
        ObservationRound r = lastRound;
        return r == null ? List.of() : r.results();
    }

    /** Votes seen in the last cycle (for metrics). */
    public List<Vote> lastVotes() {
        ObservationRound r = lastRound;
        return r == null ? List.of() : r.votes();
    }
}
