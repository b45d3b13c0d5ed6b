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
import io.shopdr.agent.replication.SemiSyncDurability;
import io.shopdr.agent.replication.StandbyReceipt;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover controller of one region (or a witness, which only probes and votes). Every probe interval it
 * probes every region, publishes its votes, reads everyone's votes and drives the state machine
 * ({@link ControllerState}): when the quorum declares the primary down, the controller of the first live standby
 * region (config order) fences the old primary (SQL, then Cloud Firewall), promotes the most advanced standby,
 * switches the shop's A/AAAA records to the new primary's ingress and records an incident. It changes nothing
 * when every region looks down, and not again within the hold-down after a failover (an operator's completed
 * failback ends it). Which region is primary is read from the shop's A record, so every controller agrees on it
 * after a switch.
 *
 * <p>Safety rules (issue 14): the failover is claimed as a new epoch in {@code _shopdr-event} and every later step
 * re-checks it; it promotes only with a confirmed fence or once the old primary's self-fence lease certainly expired
 * ({@link ControllerConfig#selfFenceLease()}); it holds (state, metric, alert incident) when the expected loss exceeds
 * the loss budget until {@code shopdr failover --accept-loss}, while an operator's pause is in force, and always with
 * two regions and no witness. The primary's own controller fences its database when it loses the quorum
 * ({@link SelfFence}). The in-flight failover is one {@link Recovery} with one abort path. The promotion is recorded
 * in the event record before the DNS switch, so a failover whose controller died in between is finished by whoever
 * acts next (the restarted controller, or another standby's) without a second promotion ({@link #resumeFailover}).
 *
 * <p>Use: construct, {@link #start()}, observe via {@link #state()}, {@link #incidents()} and listeners,
 * {@link #stop()}. {@link #tick()} runs one cycle synchronously (tests and the drill may drive it directly).
 */
public final class FailoverController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverController.class);
    /** A failback marker older than this no longer blocks controllers (the failback process died). */
    static final Duration FAILBACK_MARKER_MAX_AGE = Duration.ofMinutes(15);
    /**
     * Reads in a row without a lag after which a standby's lag is unknown (see {@code observePrimary}): two, so that a
     * primary's death between one cycle's probe and its read is not mistaken for a stopped receiver.
     */
    public static final int NOT_REPLICATING_READS = 2;

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
    private volatile ScheduledExecutorService scheduler; // volatile: /healthz reads it without the lock

    private volatile SemiSyncDurability lastDurability;
    private volatile Map<String, Long> lastLag = Map.of();
    /** Per standby: how many reads in a row, while the primary answered, found its replication not running. */
    private Map<String, Integer> notReplicatingReads = Map.of();
    private volatile FailoverPause pause;
    private volatile String holding;
    /** The primary's semi-sync availability (null for a witness). */
    private final SemiSyncRelease semiSync;

    // owned by the tick thread
    private Recovery recovery;
    private Instant lastFailoverAt;
    private Instant retryAfter;
    private IncidentLog.Draft alert;
    private String alertKey;
    private String holdDownNotedFor;

    // self-fencing (the watchdog thread reads what the tick thread and the vote listener write)
    private final SelfFence selfFence;
    private ScheduledExecutorService watchdog;
    // the fence of a primary a failover replaced, retried on its own thread (a frozen old primary costs a read timeout)
    private final ReplacedPrimaryFence replacedFence;
    private ScheduledExecutorService fenceRetry;

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
        this.quorum = new Quorum(config.voteStaleAfter(), config.maxClockSkew());
        this.recordSwitch = new ShopRecordSwitch(dns, config.recordNames(), config.recordTtl());
        this.fence = firewalls == null ? null : new FirewallFence(firewalls);
        this.incidents = new IncidentLog(self, clock, config.incidentDir());
        this.incidents.addListener(i -> listeners.forEach(l -> l.incidentUpdated(i)));
        this.primary = config.homeRegion().name();
        this.selfFence = witness ? null : new SelfFence(config, self, databases, this.probe, probeTargets(config), clock);
        if (selfFence != null) this.observer.addVoteListener(selfFence::published);
        this.semiSync = witness ? null : new SemiSyncRelease(config, self, databases, quorum, incidents, clock);
        this.replacedFence = witness ? null : new ReplacedPrimaryFence(self, databases, config.sqlFenceTimeout(),
                () -> FailoverEvent.in(board.records()));
    }

    /**
     * Whether a region's ingress answers {@code probe} healthy now, probed as the controllers probe it (a failback waits
     * for its target's).
     */
    public static Predicate<String> ingressHealthy(ControllerConfig config, HttpProbe probe) {
        List<ProbeTarget> targets = probeTargets(config);
        return region -> targets.stream().filter(t -> t.region().equals(region)).findFirst()
                .map(t -> probe.probe(t).healthy()).orElse(false);
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
            LOG.warn("controller " + self + ": " + config.observers().size() + " observers probing every "
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
        if (selfFence != null) {
            // its own thread: a probe cycle stuck in Linode API retries must not delay the self-fence
            selfFence.started();
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shopdr-self-fence-" + self);
                t.setDaemon(true);
                return t;
            });
            watchdog.scheduleAtFixedRate(this::checkSelfFence, config.selfFenceCheckPeriod().toMillis(),
                    config.selfFenceCheckPeriod().toMillis(), TimeUnit.MILLISECONDS);
            fenceRetry = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shopdr-replaced-primary-fence-" + self);
                t.setDaemon(true);
                return t;
            });
            fenceRetry.scheduleWithFixedDelay(this::checkReplacedPrimaryFence, config.probeInterval().toMillis(),
                    config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (!config.selfFenceBeatsSemiSyncTimeout()) {
                LOG.warn("controller " + self + ": its self-fence lease (" + config.selfFenceLease().toMillis() + " ms) plus "
                        + ControllerConfig.SEMI_SYNC_FENCE_MARGIN.toSeconds() + " s is longer than the semi-sync timeout ("
                        + io.shopdr.agent.replication.ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toSeconds() + " s): under"
                        + " semi-sync a primary cut off from the quorum acknowledges orders no other region has before it"
                        + " fences itself; shorten failover.probeIntervalSeconds or failureThreshold");
            }
        }
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
            if (watchdog != null) watchdog.shutdownNow();
            watchdog = null;
            if (fenceRetry != null) fenceRetry.shutdownNow();
            fenceRetry = null;
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
    public boolean isRunning() {
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

    /** The primary's GTID set as last observed while it was healthy (the expected-loss reference), or null. */
    public String lastSeenPrimaryGtid() {
        return lastSeenPrimaryGtid;
    }

    /** The primary's semi-sync durability as last observed ("durability degraded" when no replica acknowledges), or null. */
    public SemiSyncDurability lastDurability() {
        return lastDurability;
    }

    /** The stack-wide pause of automatic failover as last read from the zone (may have expired), or null. */
    public FailoverPause pause() {
        return pause;
    }

    /**
     * Why an automatic failover is being held right now ({@code loss-budget}, {@code no-fence}, {@code paused},
     * {@code no-witness}), or null when none is held.
     */
    public String holding() {
        return holding;
    }

    /** Whether this controller has made its own region's database read-only after losing the quorum. */
    public boolean selfFenced() {
        return selfFence != null && selfFence.fenced();
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
        Incident result = new Failback(config, dns, firewalls, databases, clock, self, incidents, ingressHealthy(config, probe)).run(region, timeout);
        synchronized (this) {
            if (result.outcome() == Incident.Outcome.COMPLETED) primaryIs(region);
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
            LOG.warn("controller " + self + ": cycle failed: " + e.getMessage(), e);
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
            if (seen != null && (recovery == null || recovery.promotedRegion() == null)) primaryIs(seen);
            lastEvent = FailoverEvent.in(round.records());
            pause = FailoverPause.in(round.records());
        }
        observePrimary(round);
        if (semiSync != null && self.equals(primary)) lastDurability = semiSync.apply(round, lastDurability);
        if (selfFence != null) selfFence.observed(round, primary, lastEvent);
        for (ControllerListener l : listeners) l.roundCompleted(self, round);
        decide(round);
        if (replacedFence != null) replacedFence.observed(primary, lastEvent); // after a failover this cycle completed
        lastCycleNanos = System.nanoTime();
        scheduleRecheck();
    }

    /**
     * Whether this cycle lists the zone. Calm (this controller in its base state or held off by a running failback, no
     * failover in flight, the primary answering its probe and up in its own hysteresis, no fresh vote of another
     * observer calling it anything but up at the last read): only every {@link ControllerConfig#calmZoneReadInterval()},
     * which keeps every observer's listings together under half of Linode's paginated-collection limit — a failback
     * holds every controller for as long as it runs, and its own calls need that room. Anything else: every cycle, as
     * before, so detection is unchanged whenever this controller itself sees the primary fail; only when the others see
     * a failure this controller does not does it learn of their votes up to one calm interval later.
     */
    private boolean mustReadZone(List<ProbeResult> results) {
        Instant now = clock.instant();
        if (lastZoneReadAt == null || !now.isBefore(lastZoneReadAt.plus(config.calmZoneReadInterval()))) return true;
        boolean calmState = state == baseState() || state == ControllerState.FAILING_BACK;
        if (!calmState || recovery != null || holding != null) return true;
        if (results.stream().anyMatch(r -> r.region().equals(primary) && !r.healthy())) return true;
        if (observer.localStates().get(primary) != TargetState.UP) return true;
        // a semi-sync primary whose standby stopped answering needs the quorum's word on it soon (SemiSyncRelease)
        SemiSyncDurability d = lastDurability;
        if (self.equals(primary) && d != null && d.lossless() && !d.released()
                && results.stream().anyMatch(r -> !r.region().equals(self) && !r.healthy())) return true;
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

    /**
     * While the primary answers its probes: its executed position (the reference for the expected loss and RPO), its
     * semi-sync durability (logged once when it degrades) and the standbys' lag. Unreadable values keep the previous
     * observation; the probe decides health. Only the standbys that answered their probe this cycle are read: reaching
     * a cut-off region's database costs a read timeout every cycle, which would slow this controller's own detection of
     * that standby — and with it the release of a semi-sync primary's waiting commits (its last lag is kept). A
     * standby read {@link #NOT_REPLICATING_READS} times in a row without a lag (its replication not running: the
     * receiver stopped, or cannot reconnect) while the primary answered has an unknown lag, which holds a failover to it
     * for the loss budget: its last value would promise a bound that no longer holds. One such read keeps the last
     * value: it is what a standby shows when the primary dies between its probe and the read (the receiver
     * reconnecting), and the lag read just before still bounds the loss then.
     */
    private void observePrimary(ObservationRound round) {
        if (witness || state == ControllerState.FAILING_OVER || state == ControllerState.FAILING_BACK) return;
        boolean healthy = round.results().stream().anyMatch(r -> r.region().equals(primary) && r.healthy());
        if (!healthy) return;
        Duration half = config.probeInterval().dividedBy(2);
        Duration budget = half.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : half;
        try {
            lastSeenPrimaryGtid = databases.gtidPosition(primary, budget);
        } catch (RuntimeException e) {
            // the probe decides health; an unreadable position only keeps the previous reference
            LOG.debug("cannot read GTID position of " + primary + ": " + e.getMessage());
        }
        try {
            SemiSyncDurability d = databases.durability(primary, budget);
            SemiSyncDurability before = lastDurability;
            if (d.degraded() && (before == null || !before.degraded())) LOG.warn(self + ": primary " + primary + ": " + d.describe());
            if (!d.degraded() && before != null && before.degraded()) LOG.info(self + ": primary " + primary + ": " + d.describe());
            lastDurability = d;
        } catch (RuntimeException e) {
            LOG.debug("cannot read semi-sync state of " + primary + ": " + e.getMessage());
        }
        List<String> answering = round.results().stream().filter(r -> !r.region().equals(primary) && r.healthy())
                .map(ProbeResult::region).toList();
        if (answering.isEmpty()) return;
        try {
            Map<String, Long> lag = new java.util.LinkedHashMap<>(lastLag);
            Map<String, Integer> notReplicating = new java.util.HashMap<>(notReplicatingReads);
            databases.receipts(primary, answering, Optional.empty(), budget).forEach((region, r) -> {
                if (r.lagSeconds() != null) {
                    lag.put(region, r.lagSeconds());
                    notReplicating.remove(region);
                } else if (notReplicating.merge(region, 1, Integer::sum) >= NOT_REPLICATING_READS) {
                    lag.remove(region); // unknown: nothing bounds what it misses
                }
            });
            lastLag = Map.copyOf(lag);
            notReplicatingReads = Map.copyOf(notReplicating);
        } catch (RuntimeException e) {
            LOG.warn(self + ": cannot read the standbys' lag behind " + primary + ": " + e.getMessage());
        }
    }

    private void decide(ObservationRound round) {
        // the votes are judged as of the round's view (round.at(): after its zone read): not when its probes ended — a
        // vote written during a slow read then looked clock-skewed — nor when this decision runs — with three regions a
        // standby whose cycle took seconds after the read saw the other standby's votes go stale, took it for dead and
        // acted itself
        Instant now = round.at();
        if (recovery != null && recovery.promotedRegion() != null) {
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
            closeAlert("primary " + primary + " no longer quorum-down: " + v.reason());
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
            List<String> lines = new ArrayList<>();
            lines.add("primary " + primary + ": " + v.reason());
            for (RegionConfig r : config.regions()) {
                if (!r.name().equals(primary)) lines.add("standby " + r.name() + ": " + quorum.verdict(r.name(), round.votes(), now).reason());
            }
            raiseAlert(Incident.Kind.ALL_DOWN, "all-down", "every region looks down; changing nothing (DNS, databases and"
                    + " firewalls untouched)", lines);
            setState(ControllerState.PRIMARY_SUSPECT, "every region looks down: changing nothing (" + v.reason() + ")");
            return;
        }
        if (!config.automaticFailoverAllowed()) {
            hold("no-witness", "primary " + primary + " is down (" + v.reason() + ") but automatic failover is refused: two"
                    + " regions and no witness, so one region's vote would decide and a partition between them looks like an"
                    + " outage to both. Deploy a witness in a third location, or fail over by hand (shopdr failback --to REGION)", false);
            return;
        }
        FailoverPause p = pause;
        if (p != null && p.activeAt(now)) {
            hold("paused", "primary " + primary + " is down (" + v.reason() + ") but " + p.describe()
                    + " (it expires by itself; shopdr resume lifts it)", false);
            return;
        }
        Instant holdUntil = holdDownUntil();
        if (holdUntil != null && now.isBefore(holdUntil)) {
            String note = "primary " + primary + " is down (" + v.reason() + ") but a failover happened recently: hold-down until " + holdUntil;
            if (!holdUntil.toString().equals(holdDownNotedFor)) LOG.warn(self + ": " + note);
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
        String promoted = interruptedPromotion(event);
        if (promoted != null) {
            resumeFailover(v, event, promoted);
            return;
        }
        ExpectedLoss loss = expectedLoss();
        String accepted = null;
        if (!loss.within(config.lossBudgetTransactions(), config.lossBudgetLag())) {
            LossAcceptance consent = LossAcceptance.in(round.records());
            if (consent == null || !consent.covers(primary, now)) {
                hold("loss-budget", "holding the failover of " + primary + ": " + loss.describe() + "; beyond the loss budget ("
                        + config.lossBudgetTransactions() + " transaction(s), " + config.lossBudgetLag().toSeconds() + " s of lag)."
                        + " Promote anyway with: shopdr failover --accept-loss", true);
                return;
            }
            accepted = consent.by() + " accepted the loss at " + consent.at();
        }
        runFailover(v, loss, accepted);
    }

    /**
     * The expected loss of promoting now: what the standbys received (their relay logs) against the primary's last
     * observed position, and, beyond that floor, the last observed semi-sync state and lag.
     */
    private ExpectedLoss expectedLoss() {
        Optional<String> reference = Optional.ofNullable(lastSeenPrimaryGtid);
        String best = null;
        Long missing = null;
        try {
            for (Map.Entry<String, StandbyReceipt> e : databases.receipts(primary, config.regionNames(), reference,
                    config.sqlFenceTimeout()).entrySet()) {
                Long m = e.getValue().missing();
                if (best == null || (m != null && (missing == null || m < missing))) {
                    best = e.getKey();
                    missing = m;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn(self + ": cannot read what the standbys received: " + e.getMessage());
        }
        SemiSyncDurability d = lastDurability;
        boolean semiHealthy = d != null && d.lossless() && !d.degraded();
        Long lag = best == null ? null : lastLag.get(best);
        return new ExpectedLoss(best, missing == null ? OptionalLong.empty() : OptionalLong.of(missing), semiHealthy, lag);
    }

    /** The standbys' last observed lag behind the current primary (seconds, by region); empty until a healthy round read it. */
    Map<String, Long> observedLag() {
        return lastLag;
    }

    /** Records who is primary; observations of a former primary's durability and standbys no longer apply. */
    private void primaryIs(String region) {
        if (region.equals(primary)) return;
        primary = region;
        lastDurability = null;
        lastLag = Map.of();
        notReplicatingReads = Map.of();
    }

    private ControllerState baseState() {
        return primary.equals(config.homeRegion().name()) ? ControllerState.PRIMARY_HEALTHY : ControllerState.FAILED_OVER;
    }

    /**
     * When the hold-down after the last failover ends (null: none). It counts from the later of this controller's
     * own promotion and the zone's completed failover, so it holds for every controller alike; an operator's completed
     * failback after it ends it — the operator judged the home region healthy, and DNS moved only once it answered —
     * so every controller, restarted or not, treats a new outage of the home region as a new incident.
     */
    private Instant holdDownUntil() {
        Instant last = lastFailoverAt;
        FailoverEvent e = lastEvent;
        if (e != null && FailoverEvent.DONE.equals(e.phase())) {
            Instant shared = e.atInstant();
            if (FailoverEvent.FAILOVER.equals(e.kind()) && (last == null || shared.isAfter(last))) last = shared;
            if (FailoverEvent.FAILBACK.equals(e.kind()) && last != null && !shared.isBefore(last)) return null;
        }
        return last == null ? null : last.plus(config.holdDown());
    }

    /**
     * Fences, promotes and switches DNS under epoch {@code r.epoch}. Promotion needs at least one confirmed fence (SQL
     * read-only, or the firewall's DROP rule in place), or else the old primary's self-fence lease certainly expired;
     * every step re-checks that no later claim or failback took the epoch over.
     */
    private void runFailover(QuorumVerdict v, ExpectedLoss loss, String accepted) {
        String old = primary;
        Instant detected = clock.instant();
        setState(ControllerState.FAILING_OVER, v.reason());
        IncidentLog.Draft d = incidents.open(Incident.Kind.FAILOVER, old, null);
        d.add("quorum declared " + old + " down: " + v.reason());
        d.add(loss.describe() + (accepted == null ? " (within the loss budget)" : "; " + accepted));
        Recovery r = claim(old, detected, d);
        if (r == null) return;
        recovery = r;
        closeAlert("failover of " + old + " started (epoch " + r.epoch + ")");

        boolean sqlFenced = sqlFence(r);
        if (sqlFenced) replacedFence.taken(r.epoch);
        if (!epochHeld(r, "the firewall fence")) return;
        boolean firewallFenced = firewallFence(r);
        if (!sqlFenced && !firewallFenced) {
            Instant lease = selfFenceLeaseEnd(old);
            Instant now = clock.instant();
            if (lease == null || !now.isAfter(lease)) {
                String why = "no fence confirmed (SQL and firewall both failed) and " + old + "'s self-fence lease "
                        + (lease == null ? "is unknown (no vote of " + old + " was ever seen)" : "runs until " + lease)
                        + ": promoting now could leave two writable primaries";
                abort(r, why, lease == null || lease.isBefore(now) ? config.probeInterval().multipliedBy(10) : Duration.between(now, lease));
                hold("no-fence", "holding the failover of " + old + ": " + why, false);
                return;
            }
            r.note("no fence confirmed, but " + old + "'s self-fence lease expired at " + lease + " (last vote + selfFenceAfter"
                    + " + check period + sqlFenceTimeout + maxClockSkew): it made itself read-only");
        }
        if (!epochHeld(r, "promotion")) return;
        Optional<String> finalPosition = Optional.empty();
        if (sqlFenced) {
            try {
                finalPosition = Optional.of(databases.gtidPosition(old, config.sqlFenceTimeout()));
                r.note("final position of the fenced " + old + ": " + finalPosition.get());
            } catch (RuntimeException e) {
                r.note("could not read the fenced " + old + "'s final position: " + e.getMessage());
            }
        }
        Promotion p;
        try {
            p = databases.failover(old, finalPosition.or(() -> Optional.ofNullable(lastSeenPrimaryGtid)));
        } catch (RuntimeException e) {
            abort(r, "promotion failed: " + e.getMessage(), config.probeInterval().multipliedBy(10));
            return;
        }
        if (!config.isRegion(p.newPrimary())) {
            abort(r, "promotion chose " + p.newPrimary() + ", which is not a configured region; DNS left unchanged", config.holdDown());
            return;
        }
        OptionalLong rpo = rpo(finalPosition.isPresent(), loss, p);
        d.to(p.newPrimary()).rpo(rpo, finalPosition.orElse(lastSeenPrimaryGtid));
        r.note("promoted " + p.newPrimary() + ": " + p.detail() + "; RPO " + describeRpo(finalPosition.isPresent(), loss, p, rpo));
        r.promoted(p.newPrimary(), clock.instant(), rpo);
        lastFailoverAt = r.promotedAt();
        failoversTotal++;
        completeDnsSwitch();
    }

    /**
     * The standby that an interrupted failover of the current primary already promoted, or null when there is none: the
     * event record is still a started failover of this primary (its claimant never switched DNS) and either names the
     * promoted region ({@link #recordPromotion}) or, when the claimant died between the promotion and that record,
     * exactly one standby's database is already a writable primary. A controller restarted after such a crash has lost
     * its observations of the old primary, so the normal path would hold for the loss budget (the expected loss is
     * unknown) — or, with an operator's consent or three regions, promote a second standby.
     */
    private String interruptedPromotion(FailoverEvent event) {
        if (event == null || !FailoverEvent.FAILOVER.equals(event.kind()) || !FailoverEvent.STARTED.equals(event.phase())
                || !primary.equals(event.from())) {
            return null;
        }
        if (event.promotedAwaitingDns()) return config.isRegion(event.to()) && !event.to().equals(primary) ? event.to() : null;
        List<String> writable = new ArrayList<>();
        for (RegionConfig r : config.regions()) {
            if (r.name().equals(primary)) continue;
            try {
                if (databases.isPrimary(r.name(), config.sqlFenceTimeout())) writable.add(r.name());
            } catch (RuntimeException e) {
                LOG.debug(self + ": cannot tell whether " + r.name() + " was promoted: " + e.getMessage());
            }
        }
        return writable.size() == 1 ? writable.get(0) : null;
    }

    /**
     * Finishes a failover whose claimant stopped between the promotion and the DNS switch (its process died, or it was
     * restarted and remembers nothing): claims a new epoch, so that the old claimant stops at its next step should it
     * still be alive, records the promotion again under it, and switches DNS to the region already promoted. No
     * loss-budget check (the loss, if any, happened with the promotion) and no second promotion.
     */
    private void resumeFailover(QuorumVerdict v, FailoverEvent interrupted, String promoted) {
        String old = primary;
        boolean recorded = interrupted.promotedAwaitingDns();
        setState(ControllerState.FAILING_OVER, "resuming the interrupted failover of " + old + " to " + promoted);
        IncidentLog.Draft d = incidents.open(Incident.Kind.FAILOVER, old, promoted);
        d.add("quorum declared " + old + " down: " + v.reason());
        d.add("resuming the failover " + interrupted.by() + " claimed as epoch " + interrupted.epochNumber() + ": it promoted "
                + promoted + (recorded ? " at " + interrupted.at() + " (recorded in " + FailoverEvent.RECORD_NAME + ")"
                : " (no record of it; its database is the one writable standby)") + " and stopped before the DNS switch;"
                + " finishing the switch without promoting again");
        Instant detected = recorded && interrupted.detectedInstant() != null ? interrupted.detectedInstant() : clock.instant();
        Recovery r = claim(old, detected, d);
        if (r == null) return;
        recovery = r;
        closeAlert("the interrupted failover of " + old + " resumed (epoch " + r.epoch + ")");
        OptionalLong rpo = recorded ? interrupted.rpo() : OptionalLong.empty();
        d.rpo(rpo, null);
        r.note("RPO " + (rpo.isPresent() ? rpo.getAsLong() + " transaction(s), as " + interrupted.by() + " recorded it"
                : "unknown: " + (recorded ? interrupted.by() + " recorded it as unknown" : "the promotion left no record")));
        r.promoted(promoted, recorded ? interrupted.promotedInstant() : clock.instant(), rpo);
        lastFailoverAt = r.promotedAt();
        // the dead claimant may have died inside the promotion, before re-pointing the other standbys (three regions
        // or more): they would stay stopped, replicating from nobody
        for (String line : databases.repointStandbys(promoted, old, config.sqlFenceTimeout())) r.note("standby " + line);
        completeDnsSwitch();
    }

    /**
     * The RPO: exact when the fenced old primary's final position was read, or when semi-sync was acknowledging at
     * the last observation (every acknowledged commit reached a standby's relay log and the most advanced standby
     * applied it before promotion); otherwise unknown — commits after the last observation were never seen, so
     * the count against the last observed position is only a floor (reported in the incident as "at least").
     */
    private static OptionalLong rpo(boolean finalKnown, ExpectedLoss loss, Promotion p) {
        return finalKnown || loss.semiSyncHealthy() ? p.lostTransactions() : OptionalLong.empty();
    }

    private static String describeRpo(boolean finalKnown, ExpectedLoss loss, Promotion p, OptionalLong rpo) {
        if (rpo.isPresent()) {
            return rpo.getAsLong() + " transaction(s) (" + (finalKnown ? "against the fenced primary's final position"
                    : "semi-sync was acknowledging: every acknowledged commit was on a standby") + ")";
        }
        return "unknown: the old primary's final position could not be read"
                + (p.lostTransactions().isPresent() ? "; at least " + p.lostTransactions().getAsLong()
                + " transaction(s) of its last observed position are missing" : "");
    }

    private boolean sqlFence(Recovery r) {
        try {
            boolean fenced = databases.fence(r.from, config.sqlFenceTimeout());
            r.note(fenced ? "SQL fence: database of " + r.from + " is read-only, its client sessions ended"
                    : "SQL fence: database of " + r.from + " not reachable within " + config.sqlFenceTimeout().toMillis()
                    + " ms; relying on the firewall fence (the new primary's controller retries the SQL fence every"
                    + " probe interval until it takes)");
            return fenced;
        } catch (RuntimeException e) {
            r.note("SQL fence of " + r.from + " failed: " + e.getMessage());
            return false;
        }
    }

    private boolean firewallFence(Recovery r) {
        RegionConfig oldRegion = config.region(r.from);
        if (oldRegion.firewallId() == 0) {
            r.note("firewall fence skipped: no firewallId configured for " + r.from);
            return false;
        }
        try {
            boolean applied = fence.apply(oldRegion.firewallId(), oldRegion.databasePort(), oldRegion.name());
            r.note("firewall fence: firewall " + oldRegion.firewallId() + " of " + r.from + " drops port "
                    + oldRegion.databasePort() + (applied ? "" : " (already in place)"));
            return true;
        } catch (LinodeApiException e) {
            r.note("firewall fence of firewall " + oldRegion.firewallId() + " failed: " + e.getMessage());
            return false;
        }
    }

    /**
     * When the old primary has certainly fenced itself, by this controller's clock: its last vote about itself plus
     * its self-fence lease plus the clock-skew bound (see {@link ControllerConfig#selfFenceLease()}); null when no
     * vote of its own was ever seen.
     */
    private Instant selfFenceLeaseEnd(String old) {
        ObservationRound round = lastRound;
        if (round == null) return null;
        Instant last = null;
        for (Vote vote : round.votes()) {
            if (vote.observer().equals(old) && vote.target().equals(old) && !quorum.isSkewed(vote, clock.instant())
                    && (last == null || vote.writtenAt().isAfter(last))) {
                last = vote.writtenAt();
            }
        }
        return last == null ? null : last.plus(config.selfFenceLease()).plus(config.maxClockSkew());
    }

    /** The one abort path of a failover: releases the claim, finishes the incident FAILED and retries later. */
    private void abort(Recovery r, String why, Duration retryIn) {
        r.note(why);
        if (r.promotedRegion() == null) releaseClaim(r);
        r.log.finish(Incident.Outcome.FAILED);
        recovery = null;
        retryAfter = clock.instant().plus(retryIn);
        lastError = why;
        setState(ControllerState.PRIMARY_SUSPECT, why + "; retrying after " + retryAfter);
    }

    private void completeDnsSwitch() {
        Recovery r = recovery;
        RegionConfig target = config.region(r.promotedRegion());
        if (!epochHeld(r, "the DNS switch")) return;
        if (!r.promotionRecorded()) recordPromotion(r);
        try {
            List<String> changes = recordSwitch.switchTo(board.zone(), target.ingressIp(), target.ingressIpv6());
            r.note("DNS switched to " + target.name() + " (" + target.ingressIp() + "): "
                    + (changes.isEmpty() ? "records already pointed there" : String.join("; ", changes)));
        } catch (LinodeApiException e) {
            String msg = "DNS switch to " + target.name() + " failed: " + e.getMessage() + " (retrying every probe interval)";
            if (!msg.equals(r.log.lastEvent())) r.note(msg);
            lastError = msg;
            setState(ControllerState.FAILING_OVER, msg);
            return;
        }
        primaryIs(target.name());
        try {
            writeEvent(FailoverEvent.failoverDone(r.from, target.name(), self, r.rpo(), r.detectedAt, r.promotedAt(),
                    clock.instant()).withEpoch(r.epoch));
        } catch (LinodeApiException e) {
            r.note("recording the failover in " + FailoverEvent.RECORD_NAME + " failed: " + e.getMessage());
        }
        r.log.finish(Incident.Outcome.COMPLETED);
        recovery = null;
        setState(baseState(), "failed over from " + r.from + " to " + target.name());
    }

    /**
     * Writes the promotion into the event record under this failover's epoch before the first DNS write: if this process
     * dies before the switch lands, whoever acts next reads which region was promoted, when and with what RPO, and
     * finishes the switch ({@link #resumeFailover}). A failed write does not delay the switch: it is logged and retried
     * with the next DNS attempt (the timeline already says why that one failed; a successor that finds no record still
     * finds the promoted database).
     */
    private void recordPromotion(Recovery r) {
        try {
            writeEvent(FailoverEvent.promoted(r.from, r.promotedRegion(), self, r.rpo(), r.detectedAt, r.promotedAt())
                    .withEpoch(r.epoch));
            r.promotionRecorded(true);
        } catch (LinodeApiException e) {
            LOG.warn(self + ": recording the promotion of " + r.promotedRegion() + " in " + FailoverEvent.RECORD_NAME
                    + " failed: " + e.getMessage());
        }
    }

    /**
     * Whether this controller still holds the failover's epoch before {@code step}: the event record must still carry
     * its epoch and name. A failback or a later claim raised the epoch: then this failover stops here (before the
     * promotion it is aborted; after it, the DNS switch is left to whoever holds the epoch now).
     */
    private boolean epochHeld(Recovery r, String step) {
        FailoverEvent seen;
        try {
            seen = FailoverEvent.in(dns.records(board.zone()));
        } catch (LinodeApiException e) {
            if (r.promotedRegion() != null) return true; // the DNS write below fails the same way and is retried
            abort(r, "cannot re-read the failover claim before " + step + ": " + e.getMessage(), config.probeInterval().multipliedBy(10));
            return false;
        }
        if (seen != null && seen.epochNumber() == r.epoch && self.equals(seen.by())
                && FailoverEvent.FAILOVER.equals(seen.kind()) && FailoverEvent.STARTED.equals(seen.phase())) {
            return true;
        }
        String why = "epoch " + r.epoch + " was taken over before " + step + " (the zone now says "
                + (seen == null ? "nothing" : seen.kind() + " " + seen.phase() + " by " + seen.by() + ", epoch " + seen.epochNumber()) + ")";
        if (r.promotedRegion() == null) {
            abort(r, why, claimValidity());
        } else {
            r.note(why + "; the promoted " + r.promotedRegion() + " stays primary, DNS is left to the new epoch's holder");
            r.log.finish(Incident.Outcome.FAILED);
            recovery = null;
            lastError = why;
            setState(ControllerState.PRIMARY_SUSPECT, why);
        }
        return false;
    }

    private Duration claimValidity() {
        Duration tenTicks = config.probeInterval().multipliedBy(10);
        return tenTicks.compareTo(Duration.ofSeconds(30)) > 0 ? tenTicks : Duration.ofSeconds(30);
    }

    /**
     * How long a claim waits before reading itself back, and twice the longest its own read-then-write may take:
     * min(probeInterval, 2 s).
     */
    private Duration claimSettle() {
        Duration two = Duration.ofSeconds(2);
        return config.probeInterval().compareTo(two) < 0 ? config.probeInterval() : two;
    }

    /**
     * Claims the failover of {@code old} as epoch N+1 (N read from the event record) and returns the recovery, or
     * null (after recording why in {@code d} and the state) when this controller must not act.
     *
     * <p>Why the claim holds without a conditional write (Linode's API has none): a claimant reads the record, writes
     * its claim and proceeds only when that read-then-write finished within {@code settle/2}, then waits
     * {@code settle} after its write and reads the record back. Two claimants A and B that both read "no claim" read
     * before either's write landed, so both writes land within {@code settle/2} of the earlier read, that is before
     * either read-back; both read-backs therefore see the same last writer and exactly one proceeds. A claimant slower
     * than {@code settle/2} backs off. Every later step re-checks the epoch ({@link #epochHeld}).
     */
    private Recovery claim(String old, Instant detected, IncidentLog.Draft d) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Duration settle = claimSettle();
        try {
            FailoverEvent before = FailoverEvent.in(dns.records(board.zone()));
            long epoch = (before == null ? 0 : before.epochNumber()) + 1;
            writeEvent(FailoverEvent.of(FailoverEvent.FAILOVER, FailoverEvent.STARTED, old, null, at, self).withEpoch(epoch));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(settle.dividedBy(2)) > 0) {
                // the claim it wrote keeps every other controller off for claimValidity: retrying at the next cycle
                // (a new epoch, the same read-back rule) costs one interval instead of ten
                return refuseClaim(d, "not failing over: claiming took " + took.toMillis() + " ms, more than " + settle.dividedBy(2).toMillis()
                        + " ms, so a concurrent claim could land after the read-back; retrying at the next cycle", config.probeInterval());
            }
            Thread.sleep(settle.toMillis());
            FailoverEvent seen = FailoverEvent.in(dns.records(board.zone()));
            if (seen == null || !self.equals(seen.by()) || !FailoverEvent.STARTED.equals(seen.phase()) || seen.epochNumber() != epoch) {
                return refuseClaim(d, "not failing over: the failover was claimed by " + (seen == null ? "nobody (record vanished)"
                        : seen.by() + " (epoch " + seen.epochNumber() + ")"));
            }
            d.add("claimed the failover in " + FailoverEvent.RECORD_NAME + " as epoch " + epoch);
            return new Recovery(old, epoch, detected, d);
        } catch (LinodeApiException e) {
            return refuseClaim(d, "not failing over: cannot claim the failover in the zone (" + e.getMessage()
                    + "); without write access DNS could not be switched either");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuseClaim(d, "not failing over: interrupted");
        }
    }

    private Recovery refuseClaim(IncidentLog.Draft d, String why) {
        return refuseClaim(d, why, config.probeInterval().multipliedBy(10));
    }

    private Recovery refuseClaim(IncidentLog.Draft d, String why, Duration retryIn) {
        d.add(why);
        d.finish(Incident.Outcome.FAILED);
        retryAfter = clock.instant().plus(retryIn);
        lastError = why;
        setState(ControllerState.PRIMARY_SUSPECT, why);
        return null;
    }

    /** Marks this controller's claim failed, unless a newer epoch replaced it already (never overwrite that). */
    private void releaseClaim(Recovery r) {
        try {
            FailoverEvent seen = FailoverEvent.in(dns.records(board.zone()));
            if (seen == null || seen.epochNumber() != r.epoch || !self.equals(seen.by())) {
                r.note("claim not released: the zone holds epoch " + (seen == null ? "none" : seen.epochNumber() + " of " + seen.by()));
                return;
            }
            writeEvent(FailoverEvent.of(FailoverEvent.FAILOVER, FailoverEvent.FAILED, r.from, null, clock.instant(), self).withEpoch(r.epoch));
        } catch (LinodeApiException e) {
            r.note("releasing the failover claim failed: " + e.getMessage());
        }
    }

    private void writeEvent(FailoverEvent event) {
        ControlRecord.put(dns, board.zone(), FailoverEvent.RECORD_NAME, event.toJson());
        lastEvent = event;
    }

    /**
     * Holds an automatic failover and says why: the state's reason, the {@code holding} metric, one alert incident
     * per episode and, when {@code publish}, a {@code held} phase in the event record (for the operator's CLI).
     */
    private void hold(String key, String why, boolean publish) {
        boolean fresh = !key.equals(alertKey);
        raiseAlert(Incident.Kind.FAILOVER_HELD, key, why, List.of());
        holding = key;
        if (fresh && publish) {
            try {
                FailoverEvent e = lastEvent;
                writeEvent(FailoverEvent.of(FailoverEvent.FAILOVER, FailoverEvent.HELD, primary, null, clock.instant(), self)
                        .withEpoch(e == null ? 0 : e.epochNumber()));
            } catch (LinodeApiException e) {
                alert.add("recording the hold in " + FailoverEvent.RECORD_NAME + " failed: " + e.getMessage());
            }
        }
        setState(ControllerState.PRIMARY_SUSPECT, why);
    }

    /** Opens one ALERTED incident per episode (a new key closes the previous one). */
    private void raiseAlert(Incident.Kind kind, String key, String what, List<String> details) {
        if (key.equals(alertKey)) return;
        closeAlert("superseded: " + what);
        IncidentLog.Draft d = incidents.open(kind, primary, null);
        d.add("ALERT: " + what);
        details.forEach(d::add);
        alert = d;
        alertKey = key;
        LOG.error(self + ": ALERT " + what + " (incident " + d.snapshot().id() + ")");
    }

    private void closeAlert(String why) {
        holding = null;
        if (alert == null) return;
        alert.add("recovered: " + why);
        alert.finish(Incident.Outcome.ALERTED);
        alert = null;
        alertKey = null;
    }

    /**
     * The self-fence watchdog (its own thread, every {@link ControllerConfig#selfFenceCheckPeriod()}): fences this
     * region's database when it is primary and has lost the quorum, and lifts its own fence when it is still primary
     * after regaining it. See {@link SelfFence}. Tests that drive {@link #tick()} by hand call it directly.
     */
    void checkSelfFence() {
        try {
            SelfFence.Action a = selfFence.check();
            if (a == SelfFence.Action.FENCED) {
                IncidentLog.Draft d = incidents.open(Incident.Kind.SELF_FENCE, self, null);
                d.add("self-fenced: " + selfFence.reason());
                d.finish(Incident.Outcome.COMPLETED);
                lastError = selfFence.reason();
            } else if (a == SelfFence.Action.LIFTED) {
                IncidentLog.Draft d = incidents.open(Incident.Kind.SELF_FENCE, self, null);
                d.add("self-fence lifted: " + selfFence.reason());
                d.finish(Incident.Outcome.COMPLETED);
            }
        } catch (RuntimeException e) {
            LOG.warn(self + ": self-fence check failed: " + e.getMessage(), e);
        }
    }

    /**
     * The replaced primary's fence retry (its own thread, every probe interval): see {@link ReplacedPrimaryFence}. Tests
     * that drive {@link #tick()} by hand call it directly.
     */
    void checkReplacedPrimaryFence() {
        try {
            if (replacedFence.check() == ReplacedPrimaryFence.Action.FENCED) {
                IncidentLog.Draft d = incidents.open(Incident.Kind.REPLACED_PRIMARY_FENCE, self, null);
                d.add(replacedFence.reason());
                d.finish(Incident.Outcome.COMPLETED);
            }
        } catch (RuntimeException e) {
            LOG.warn(self + ": fencing the replaced primary failed: " + e.getMessage(), e);
        }
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
        Incident i = new Failback(config, dns, firewalls, databases, clock, self, incidents, ingressHealthy(config, probe))
                .run(home, Duration.ofMinutes(2));
        if (i.outcome() == Incident.Outcome.COMPLETED) primaryIs(home);
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
