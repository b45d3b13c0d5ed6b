package io.shopdr.agent.failover;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problems;
import io.shopdr.validation.Rules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a failover controller (or witness) needs except secrets: the shop's zone and record names, the
 * regions (first = home primary), witnesses, probe settings, thresholds and policy. Build it with {@link #builder()}
 * or read it from a JSON/YAML file with {@link ControllerConfigFile}; every field has a safe default except
 * {@code domain} and {@code regions}.
 */
public record ControllerConfig(
        String domain,
        String hostHeader,
        List<String> recordNames,
        int recordTtl,
        String probeScheme,
        String probePath,
        List<RegionConfig> regions,
        List<String> witnesses,
        Duration probeInterval,
        Duration connectTimeout,
        Duration readTimeout,
        int failureThreshold,
        int successThreshold,
        Duration voteStaleAfter,
        Duration voteRefresh,
        Duration holdDown,
        boolean autoFailback,
        Duration sqlFenceTimeout,
        String adminUser,
        String replicationUser,
        Path caFile,
        String serverCaPath,
        Path incidentDir,
        int metricsPort,
        Duration maxClockSkew,
        Duration selfFenceAfter,
        long lossBudgetTransactions,
        Duration lossBudgetLag) {

    public ControllerConfig {
        recordNames = List.copyOf(recordNames);
        regions = List.copyOf(regions);
        witnesses = List.copyOf(witnesses);
        validate(domain, recordNames, recordTtl, probeScheme, regions, witnesses, probeInterval, connectTimeout,
                readTimeout, failureThreshold, successThreshold, voteStaleAfter, voteRefresh, holdDown, sqlFenceTimeout,
                maxClockSkew, selfFenceAfter, lossBudgetTransactions, lossBudgetLag);
        if (hostHeader == null || hostHeader.isBlank()) hostHeader = domain;
    }

    /** @throws InvalidConfigException listing every problem, each naming its field and the fix */
    private static void validate(String domain, List<String> recordNames, int recordTtl, String probeScheme,
                                 List<RegionConfig> regions, List<String> witnesses, Duration probeInterval,
                                 Duration connectTimeout, Duration readTimeout, int failureThreshold,
                                 int successThreshold, Duration voteStaleAfter, Duration voteRefresh,
                                 Duration holdDown, Duration sqlFenceTimeout, Duration maxClockSkew,
                                 Duration selfFenceAfter, long lossBudgetTransactions, Duration lossBudgetLag) {
        Problems problems = new Problems("controller config");
        problems.require(domain != null && !domain.isBlank(), "domain", "is required", "give the shop's DNS zone, e.g. shop.example.com");
        problems.require(!recordNames.isEmpty(), "recordNames", "is empty", "list the shop's record names, \"\" for the apex");
        Rules.atLeast(problems, "recordTtl", recordTtl, 1);
        problems.require("http".equals(probeScheme) || "https".equals(probeScheme), "probeScheme",
                "\"" + probeScheme + "\" is not a probe scheme", "use http or https");
        problems.require(regions.size() >= 2, "regions", "needs at least 2 regions (first = primary), got " + regions.size(), "add the standby");
        Set<String> names = new HashSet<>();
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < regions.size(); i++) {
            RegionConfig r = regions.get(i);
            if (problems.require(!r.name().isBlank() && r.name().matches("[a-z0-9][a-z0-9-]*"), "regions[" + i + "].name",
                    "\"" + r.name() + "\" is not a region name", "use lower-case letters, digits and dashes")) {
                problems.require(names.add(r.name()), "regions[" + i + "].name", "region " + r.name() + " is listed twice", "list each region once");
            }
            problems.require(ips.add(r.ingressIp()), "regions[" + i + "].ingressIp", r.ingressIp() + " is shared with another region",
                    "give each region its own ingress IP");
        }
        for (String w : witnesses) {
            if (problems.require(w.matches("[a-z0-9][a-z0-9-]*"), "witnesses", "name \"" + w + "\" is not a witness name",
                    "use lower-case letters, digits and dashes")) {
                problems.require(names.add(w), "witnesses", w + " is also a region name", "pick a distinct witness name");
            }
        }
        Rules.positive(problems, "probeInterval", probeInterval);
        Rules.positive(problems, "connectTimeout", connectTimeout);
        Rules.positive(problems, "readTimeout", readTimeout);
        boolean votesTimed = Rules.positive(problems, "voteStaleAfter", voteStaleAfter) & Rules.positive(problems, "voteRefresh", voteRefresh);
        Rules.positive(problems, "sqlFenceTimeout", sqlFenceTimeout);
        Rules.notNegative(problems, "holdDown", holdDown);
        Rules.atLeast(problems, "failureThreshold", failureThreshold, 1);
        Rules.atLeast(problems, "successThreshold", successThreshold, 1);
        if (votesTimed) {
            problems.require(voteRefresh.compareTo(voteStaleAfter) < 0, "voteRefresh", "(" + voteRefresh + ") is not shorter "
                    + "than voteStaleAfter (" + voteStaleAfter + ")", "shorten it, or live observers' votes go stale");
        }
        validateSafety(problems, probeInterval, failureThreshold, maxClockSkew, selfFenceAfter, lossBudgetTransactions,
                lossBudgetLag);
        problems.throwIfAny();
    }

    /**
     * The timing of self-fencing against promotion. A primary's controller that has neither published its vote
     * nor seen another region healthy for {@code selfFenceAfter} sets its database read-only; it checks every
     * {@link #selfFenceCheckPeriod()}, confirms the loss itself within {@link #selfFenceConfirmTimeout()} (probing the
     * other regions) and the fence takes at most {@code sqlFenceTimeout}, so
     * (on its clock) it is fenced by {@code lastVote + selfFenceAfter + selfFenceCheckPeriod + selfFenceConfirmTimeout
     * + sqlFenceTimeout} = {@code lastVote +} {@link #selfFenceLease()}. A standby promotes without a confirmed fence only when its own clock is past
     * {@code lastVote + selfFenceLease + maxClockSkew}: strictly after the self-fence whenever the two clocks differ
     * by less than {@code maxClockSkew} (votes dated further ahead are rejected by the quorum). {@link #validate} also
     * requires {@code selfFenceAfter ≥ failureThreshold × probeInterval} (the detection window): a loss the quorum
     * could not yet act on (a flap) never fences the primary either.
     */
    private static void validateSafety(Problems problems, Duration probeInterval, int failureThreshold,
                                       Duration maxClockSkew, Duration selfFenceAfter, long lossBudgetTransactions,
                                       Duration lossBudgetLag) {
        problems.require(maxClockSkew != null && !maxClockSkew.isNegative(), "maxClockSkew",
                "must be zero or a positive duration, got " + maxClockSkew,
                "give the largest clock difference between controllers you tolerate, e.g. 5s");
        // judged against the detection window only: with probeInterval or failureThreshold invalid (reported above)
        // the window, and the default selfFenceAfter derived from it, mean nothing
        if (probeInterval != null && !probeInterval.isZero() && !probeInterval.isNegative() && failureThreshold >= 1
                && Rules.positive(problems, "selfFenceAfter", selfFenceAfter)) {
            Duration detection = probeInterval.multipliedBy(failureThreshold);
            problems.require(selfFenceAfter.compareTo(detection) >= 0, "selfFenceAfter",
                    "(" + selfFenceAfter + ") is shorter than the detection window failureThreshold × probeInterval ("
                            + detection + "): a primary would fence itself over an outage the quorum could not act on yet",
                    "set it to at least " + detection);
        }
        problems.require(lossBudgetTransactions >= 0, "lossBudgetTransactions",
                "must be zero or more, got " + lossBudgetTransactions, "give the transactions an automatic failover may lose, e.g. 0");
        problems.require(lossBudgetLag != null && !lossBudgetLag.isNegative(), "lossBudgetLag",
                "must be zero or a positive duration, got " + lossBudgetLag,
                "give the replication lag an automatic asynchronous failover may lose, e.g. 5s");
    }

    /**
     * The least a semi-sync primary's acknowledgement timeout must exceed the self-fence lease by: a commit may start
     * waiting up to one acknowledgement round trip before the cut, and the self-fence's own statements take time.
     */
    public static final Duration SEMI_SYNC_FENCE_MARGIN = Duration.ofSeconds(3);

    /**
     * Whether a semi-sync primary cut off from the quorum fences itself (ending its waiting commits' sessions) before
     * {@link io.shopdr.agent.replication.ConfigureOptions#DEFAULT_SEMI_SYNC_TIMEOUT} would acknowledge them without a
     * copy in another region: {@code selfFenceLease + SEMI_SYNC_FENCE_MARGIN <= timeout}. A controller whose lease does
     * not fit warns at start (shorten probeInterval or failureThreshold).
     */
    public boolean selfFenceBeatsSemiSyncTimeout() {
        return selfFenceLease().plus(SEMI_SYNC_FENCE_MARGIN)
                .compareTo(io.shopdr.agent.replication.ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT) <= 0;
    }

    /** How often the self-fence watchdog checks, independent of slow API calls in the probe cycle: probeInterval/4. */
    public Duration selfFenceCheckPeriod() {
        return probeInterval.dividedBy(4);
    }

    /**
     * How long after its last published vote a primary that lost the quorum is certainly read-only (its own clock):
     * {@code selfFenceAfter + selfFenceCheckPeriod + selfFenceConfirmTimeout + sqlFenceTimeout}. See
     * {@link #validateSafety}.
     */
    public Duration selfFenceLease() {
        return selfFenceAfter.plus(selfFenceCheckPeriod()).plus(selfFenceConfirmTimeout()).plus(sqlFenceTimeout);
    }

    /**
     * The bound on the self-fence's own confirmation that the other regions are gone (one probe of each, side by
     * side): a probe's {@code connectTimeout + readTimeout}.
     */
    public Duration selfFenceConfirmTimeout() {
        return connectTimeout.plus(readTimeout);
    }

    /**
     * Whether automatic failover may act at all: with two regions and no witness, one region's single fresh vote
     * decides about the other, and a partition between the two looks like an outage to both, so automatic failover
     * is refused (operators fail over by hand, or deploy a witness in a third location).
     */
    public boolean automaticFailoverAllowed() {
        return regions.size() > 2 || !witnesses.isEmpty();
    }

    /** The home primary: the first region. */
    public RegionConfig homeRegion() {
        return regions.get(0);
    }

    public RegionConfig region(String name) {
        for (RegionConfig r : regions) if (r.name().equals(name)) return r;
        throw new IllegalArgumentException("unknown region '" + name + "'; configured regions: " + regionNames());
    }

    public boolean isRegion(String name) {
        return regions.stream().anyMatch(r -> r.name().equals(name));
    }

    public List<String> regionNames() {
        return regions.stream().map(RegionConfig::name).toList();
    }

    /** Linode's default per-user limit on GETs of paginated collections (listing a zone's records is one), per minute. */
    public static final int LISTINGS_PER_MINUTE_LIMIT = 200;
    /** Linode's default per-user limit on every other operation (a vote write is one), per minute. */
    public static final int OTHER_REQUESTS_PER_MINUTE_LIMIT = 1_600;
    /** The longest a calm controller goes without listing the zone (see {@link #calmZoneReadInterval()}). */
    static final Duration CALM_ZONE_READ_FLOOR = Duration.ofSeconds(5);

    /**
     * How often a calm controller lists the zone (all its votes and the shop's records): max(probeInterval, 5 s).
     * Linode's limits are per user and every controller's token belongs to the deploying user, so all observers
     * share 200 listings a minute; at 1 s probes one listing per probe is 60 a minute per observer (180 with a
     * witness, 240 with three regions and a witness). One per 5 s is 12 per observer: eight observers stay under half.
     */
    public Duration calmZoneReadInterval() {
        return probeInterval.compareTo(CALM_ZONE_READ_FLOOR) > 0 ? probeInterval : CALM_ZONE_READ_FLOOR;
    }

    /** Zone listings per minute all observers together make in steady state (one per calm read interval each). */
    public long zoneListingsPerMinute() {
        return Math.round(observers().size() * 60_000.0 / calmZoneReadInterval().toMillis());
    }

    /** Vote writes per minute all observers together make in steady state (one keep-alive per region per voteRefresh each). */
    public long voteWritesPerMinute() {
        return Math.round(observers().size() * regions.size() * 60_000.0 / voteRefresh.toMillis());
    }

    /** Every Linode API request per minute all observers together make in steady state (listings and vote writes). */
    public long apiRequestsPerMinute() {
        return zoneListingsPerMinute() + voteWritesPerMinute();
    }

    /** Every observer name: all regions then the witnesses. */
    public List<String> observers() {
        List<String> all = new ArrayList<>(regionNames());
        all.addAll(witnesses);
        return all;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private String domain;
        private String hostHeader;
        private List<String> recordNames = List.of("", "www");
        private int recordTtl = 30;
        private String probeScheme = "https";
        private String probePath = "/healthz";
        private final List<RegionConfig> regions = new ArrayList<>();
        private final List<String> witnesses = new ArrayList<>();
        private Duration probeInterval = Duration.ofSeconds(5);
        private Duration connectTimeout;
        private Duration readTimeout;
        private int failureThreshold = 3;
        private int successThreshold = 3;
        private Duration voteStaleAfter;
        private Duration voteRefresh;
        private Duration holdDown = Duration.ofHours(1);
        private boolean autoFailback = false;
        private Duration sqlFenceTimeout = Duration.ofSeconds(2);
        private String adminUser = "shopdr_admin";
        private String replicationUser = "shopdr_repl";
        private Path caFile;
        private String serverCaPath;
        private Path incidentDir;
        private int metricsPort = 0;
        private Duration maxClockSkew = io.shopdr.agent.health.Quorum.DEFAULT_MAX_CLOCK_SKEW;
        private Duration selfFenceAfter;
        private long lossBudgetTransactions = 0;
        private Duration lossBudgetLag = Duration.ofSeconds(5);

        /** The shop's DNS zone, e.g. shop.example.com. Required. */
        public Builder domain(String v) { this.domain = v; return this; }
        /** Host header of probes. @default the domain */
        public Builder hostHeader(String v) { this.hostHeader = v; return this; }
        /** Names of the shop's A/AAAA records relative to the zone. @default "" (apex) and "www" */
        public Builder recordNames(List<String> v) { this.recordNames = Objects.requireNonNull(v); return this; }
        /** TTL requested for switched records. @default 30 s */
        public Builder recordTtl(int v) { this.recordTtl = v; return this; }
        /** @default https */
        public Builder probeScheme(String v) { this.probeScheme = v; return this; }
        /** @default /healthz */
        public Builder probePath(String v) { this.probePath = v; return this; }
        /** Adds a region; the first added is the home primary. */
        public Builder region(RegionConfig v) { this.regions.add(Objects.requireNonNull(v)); return this; }
        public Builder regions(List<RegionConfig> v) { this.regions.clear(); this.regions.addAll(v); return this; }
        /** Adds a witness observer (probes and votes, never acts). */
        public Builder witness(String v) { this.witnesses.add(Objects.requireNonNull(v)); return this; }
        public Builder witnesses(List<String> v) { this.witnesses.clear(); this.witnesses.addAll(v); return this; }
        /**
         * How often every region is probed. Each observer rewrites each of its votes once per {@code voteRefresh} and
         * lists the zone every probe while anything looks wrong, else once per
         * {@link ControllerConfig#calmZoneReadInterval()}; see {@link ControllerConfig#apiRequestsPerMinute()} for the
         * Linode API budget this costs. @default 5 s
         */
        public Builder probeInterval(Duration v) { this.probeInterval = v; return this; }
        /** @default min(probeInterval, 2 s) */
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        /** @default min(probeInterval, 3 s) */
        public Builder readTimeout(Duration v) { this.readTimeout = v; return this; }
        /** Consecutive failed probes to mark a region down. @default 3 */
        public Builder failureThreshold(int v) { this.failureThreshold = v; return this; }
        /** Consecutive healthy probes to mark a region up. @default 3 */
        public Builder successThreshold(int v) { this.successThreshold = v; return this; }
        /** Age after which a vote counts as absent. @default 3 × probeInterval */
        public Builder voteStaleAfter(Duration v) { this.voteStaleAfter = v; return this; }
        /** Keep-alive rewrite period of an unchanged vote. @default probeInterval */
        public Builder voteRefresh(Duration v) { this.voteRefresh = v; return this; }
        /** No second automatic failover within this period. @default 1 h */
        public Builder holdDown(Duration v) { this.holdDown = v; return this; }
        /** @default false (failback only by operator command) */
        public Builder autoFailback(boolean v) { this.autoFailback = v; return this; }
        /** How long the SQL fence of an old primary may take. @default 2 s */
        public Builder sqlFenceTimeout(Duration v) { this.sqlFenceTimeout = v; return this; }
        /** @default shopdr_admin */
        public Builder adminUser(String v) { this.adminUser = v; return this; }
        /** @default shopdr_repl */
        public Builder replicationUser(String v) { this.replicationUser = v; return this; }
        /** CA certificate (PEM) database server certificates must chain to. @default none (no TLS) */
        public Builder caFile(Path v) { this.caFile = v; return this; }
        /**
         * Where the CA file lives on the database servers, for replication channels the controller sets up (e.g.
         * when an old primary rejoins during failback). @default the path of {@code caFile}
         */
        public Builder serverCaPath(String v) { this.serverCaPath = v; return this; }
        /** Directory incidents are written to as JSON. @default none (kept in memory only) */
        public Builder incidentDir(Path v) { this.incidentDir = v; return this; }
        /** Port of /healthz and /metrics. @default 0 = not served */
        public Builder metricsPort(int v) { this.metricsPort = v; return this; }
        /** Largest clock difference between controllers; votes dated further ahead are ignored. @default 5 s */
        public Builder maxClockSkew(Duration v) { this.maxClockSkew = v; return this; }
        /**
         * A primary that has neither published its vote nor seen another region healthy for this long makes its
         * database read-only. @default failureThreshold × probeInterval (the detection window; it may not be shorter)
         * + connectTimeout + readTimeout: while another region hangs (a partition drops its packets) every probe cycle
         * waits out one probe's timeouts before publishing its votes, and a healthy primary must not read that as
         * the loss of the Linode API (the twin's partitioned standby did: a promoted primary fenced itself)
         */
        public Builder selfFenceAfter(Duration v) { this.selfFenceAfter = v; return this; }
        /**
         * Transactions an automatic failover may lose: the old primary's last observed position minus what the best
         * standby received. @default 0 (semi-sync loses none; beyond it the controller holds for --accept-loss)
         */
        public Builder lossBudgetTransactions(long v) { this.lossBudgetTransactions = v; return this; }
        /**
         * Replication lag (last observed) an automatic failover may lose when the primary's final position is unknown
         * (asynchronous replication or degraded semi-sync). @default 5 s: a few seconds of orders, the usual
         * cross-region lag of a healthy asynchronous replica, which the operator can reconcile from payment records
         */
        public Builder lossBudgetLag(Duration v) { this.lossBudgetLag = v; return this; }

        public ControllerConfig build() {
            Duration interval = probeInterval;
            Duration two = Duration.ofSeconds(2);
            Duration three = Duration.ofSeconds(3);
            Duration ct = connectTimeout != null ? connectTimeout : (interval != null && interval.compareTo(two) < 0 ? interval : two);
            Duration rt = readTimeout != null ? readTimeout : (interval != null && interval.compareTo(three) < 0 ? interval : three);
            Duration stale = voteStaleAfter != null ? voteStaleAfter : (interval == null ? null : interval.multipliedBy(3));
            Duration refresh = voteRefresh != null ? voteRefresh : interval;
            return new ControllerConfig(domain, hostHeader, recordNames, recordTtl, probeScheme, probePath, regions,
                    witnesses, interval, ct, rt, failureThreshold, successThreshold, stale, refresh, holdDown,
                    autoFailback, sqlFenceTimeout, adminUser, replicationUser, caFile, serverCaPath, incidentDir, metricsPort,
                    maxClockSkew, selfFenceAfter != null ? selfFenceAfter
                            : (interval == null ? null : interval.multipliedBy(Math.max(1, failureThreshold)).plus(ct).plus(rt)),
                    lossBudgetTransactions, lossBudgetLag);
        }
    }
}
