package io.shopdr.drill.local;

import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.DivergedException;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.Topology;
import io.shopdr.agent.storefront.Storefront;
import io.shopdr.drill.DrillClock;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import io.shopdr.drill.TimelineSample;
import io.shopdr.drill.clients.ZoneFeed;
import io.shopdr.drill.LoadGenerator;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One local two-region drill: real MariaDB per region replicated by the replication engine, a storefront per region
 * on its own loopback address, the failover controllers (one per region plus a witness) on the simulated Linode
 * zone, and a load generator ordering through the name the zone resolves. Region A dies at a seeded random moment
 * (kill -9 of its database, its storefront and controller stopped); the drill measures detection, promotion, DNS
 * switch and RTO, counts acknowledged orders missing on the new primary, then restores A, rejoins it, switches back
 * (planned) and checks that nothing else was lost.
 */
public final class LocalDrill {
    static {
        // The controllers' probes send the shop's Host header; the drill builds JDK HTTP clients before any probe
        // (simulated zone, load generator), so the setting must be made first.
        HttpProbe.allowHostHeader();
    }

    private static final String REPL_PASSWORD = "drill-repl-" + UUID.randomUUID();
    private static final String APP_PASSWORD = "drill-app-" + UUID.randomUUID();

    private final LocalDrillOptions options;
    private final DrillProgress progress;
    private final DrillClock clock = new DrillClock();
    private final StartedResources resources = new StartedResources();
    private final List<DrillPhase> phases = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private final MariaDbCluster sharedDatabases;
    private volatile boolean aborted;

    /** A drill that starts (and at the end removes) its own two MariaDB servers. */
    public LocalDrill(LocalDrillOptions options, DrillProgress progress) {
        this(options, progress, null);
    }

    /**
     * A drill on databases started by {@link #startDatabases()} and shared by several runs (server start-up is the
     * slowest step); the first node must be the primary and the second its replica (as every run leaves them).
     */
    public LocalDrill(LocalDrillOptions options, DrillProgress progress, MariaDbCluster sharedDatabases) {
        this.options = options;
        this.progress = progress;
        this.sharedDatabases = sharedDatabases;
    }

    /** Starts the two regions' MariaDB servers with the configuration every drill mode needs. */
    public static MariaDbCluster startDatabases() throws Exception {
        // Semi-sync is built into MariaDB 11.4 and switched on by the replication engine when asked. AFTER_SYNC is
        // the lossless wait point; wait_no_slave=OFF lets a primary without any connected replica (the promoted
        // standby while the old primary is dead) commit at once instead of stalling for the semi-sync timeout.
        List<String> config = List.of("rpl_semi_sync_master_wait_point=AFTER_SYNC", "rpl_semi_sync_master_wait_no_slave=OFF");
        try {
            return MariaDbCluster.start(2, config);
        } catch (Exception first) {
            // Seen on a heavily loaded machine: a fresh server that never starts listening within the start-up bound.
            // The failed attempt is removed; one more fresh attempt usually succeeds.
            try {
                return MariaDbCluster.start(2, config);
            } catch (Exception second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    /** The loopback address region {@code index} serves on (127.0.0.1, 127.0.0.2, …): its "ingress IP". */
    public static String ingressIp(int index) {
        return "127.0.0." + (index + 1);
    }

    /** Stops everything this drill started (Ctrl-C path; safe to call twice or concurrently with the end of a run). */
    public List<String> abort() {
        aborted = true;
        return resources.closeAll();
    }

    public DrillClock clock() {
        return clock;
    }

    /** Runs the drill; failures of a step end the drill with that step marked failed (never a half-cleaned machine). */
    public DrillResult run() {
        List<String> regions = options.regions();
        String a = regions.get(0);
        String b = regions.get(1);
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed());
        long killDelay = options.killAfterMin().toMillis()
                + (long) (random.nextDouble() * (options.killAfterMax().toMillis() - options.killAfterMin().toMillis()));
        DrillMeasurements.Builder m = DrillMeasurements.builder().regions(regions)
                .rtt(Figure.of(0)) // every region on loopback: no WAN between them yet
                .controllerSettings(options.probeInterval(), ControllerFleet.FAILURE_THRESHOLD);
        List<String> lostIds = List.of();
        LoadGenerator load = null;
        DrillObserver observer = null;
        ZoneFeed feed = null;
        try {
            phase("check ports", () -> {
                for (int i = 0; i < regions.size(); i++) checkPort(regions.get(i), ingressIp(i), options.port());
                return "storefront port " + options.port() + " free on " + ingressIp(0) + " and " + ingressIp(1);
            });
            MariaDbCluster cluster = sharedDatabases != null ? sharedDatabases : phase("start databases",
                    () -> resources.add("MariaDB servers", startDatabases()), c -> "MariaDB 11.4 on ports "
                            + c.node(0).port() + " (" + a + ") and " + c.node(1).port() + " (" + b + ")");
            MariaDbCluster.Node nodeA = cluster.node(0);
            m.engineVersion(engineVersion(nodeA));
            MariaDbCluster.Node nodeB = cluster.node(1);
            Endpoint epA = new Endpoint(nodeA.host(), nodeA.port());
            Endpoint epB = new Endpoint(nodeB.host(), nodeB.port());
            Credentials admin = new Credentials(MariaDbCluster.ADMIN_USER, MariaDbCluster.ADMIN_PASSWORD);
            Credentials repl = new Credentials("shopdr_repl", REPL_PASSWORD);
            phase("configure replication", () -> {
                ReplicationEngine engine = new ReplicationEngine(new Topology(epA, List.of(epB), admin, repl));
                engine.configure(ConfigureOptions.builder().semiSync(options.semiSync())
                        .waitTimeout(Duration.ofSeconds(60)).build());
                nodeA.execute(Storefront.schemaStatements(APP_PASSWORD));
                awaitTrue("the schema to reach " + b, Duration.ofSeconds(60), () -> tableExists(nodeB));
                return (options.semiSync() ? "semi-sync (AFTER_SYNC)" : "asynchronous") + " GTID replication "
                        + a + " → " + b + " by the replication engine";
            });
            SimulatedZone zone = phase("simulated zone", () -> resources.add("simulated Linode API",
                    SimulatedZone.start(options.domain(), ingressIp(0), Duration.ofMillis(200))),
                    z -> "SIMULATED Linode DNS (LinodeApiSimulator at " + z.simulator().apiUrl() + "), "
                            + options.domain() + " A → " + ingressIp(0));
            feed = resources.add("zone feed", ZoneFeed.start(zone.simulator(), options.domain(), clock, ZoneFeed.DEFAULT_PERIOD));
            Map<String, Storefront> shops = new LinkedHashMap<>();
            phase("start storefronts", () -> {
                shops.put(a, resources.add("storefront " + a, Storefront.start(a,
                        new InetSocketAddress(ingressIp(0), options.port()), nodeA.host(), nodeA.port(), APP_PASSWORD)));
                shops.put(b, resources.add("storefront " + b, Storefront.start(b,
                        new InetSocketAddress(ingressIp(1), options.port()), nodeB.host(), nodeB.port(), APP_PASSWORD)));
                return a + " on " + ingressIp(0) + ":" + options.port() + ", " + b + " on " + ingressIp(1) + ":" + options.port();
            });
            ControllerFleet fleet = phase("start failover controllers", () -> {
                ControllerFleet f = resources.add("failover controllers", new ControllerFleet(options, zone, regions,
                        List.of(epA, epB), admin, repl, clock));
                f.startAll();
                awaitTrue("every observer to vote the primary up", options.stepTimeout(),
                        () -> f.observers().stream().allMatch(o -> "up".equals(zone.freshVotes(a, staleAfter()).get(o))));
                return f;
            }, f -> "observers " + String.join(", ", f.observers()) + "; probes every "
                    + options.probeInterval().toMillis() + " ms");

            Map<String, InetSocketAddress> probeAddrs = new LinkedHashMap<>();
            for (int i = 0; i < regions.size(); i++) probeAddrs.put(regions.get(i), new InetSocketAddress(ingressIp(i), options.port()));
            Map<String, MariaDbCluster.Node> dbs = new LinkedHashMap<>();
            dbs.put(a, nodeA);
            dbs.put(b, nodeB);
            observer = resources.add("observer", new DrillObserver(clock, probeAddrs, dbs,
                    () -> zone.freshVotes(a, staleAfter()), fleet::state, zone::resolve, 200));
            observer.start();
            load = resources.add("load generator", new LoadGenerator(clock, zone::resolve, options.port(),
                    options.ordersPerSecond(), 4));
            load.start();
            final LoadGenerator loadRef = load;
            phase("steady load", () -> {
                Thread.sleep(killDelay);
                long acked = loadRef.attempts().stream().filter(OrderAttempt::acknowledged).count();
                if (acked == 0) throw new DrillException("no order was acknowledged before the kill; see the phases above");
                return acked + " orders acknowledged; kill after " + killDelay + " ms (seed " + options.seed() + ")";
            });

            long[] killAtBox = new long[1];
            phase("kill region " + a, () -> {
                killAtBox[0] = clock.nowMs();
                m.apiRequestsPerMin(zone.simulator().requestsPerMinute());
                nodeA.kill();
                resources.closeNow(shops.get(a));
                fleet.stop(a);
                return "kill -9 mariadbd (" + a + "), storefront and controller of " + a + " stopped";
            });
            final long k = killAtBox[0];
            m.killedAt(k).commitLatencies(load.acknowledgedLatenciesBefore(k),
                    "the load generator's POST /orders round trips on loopback, before the kill");
            phase("failover", () -> {
                awaitTrue("an order acknowledged after the kill", options.stepTimeout(),
                        () -> loadRef.firstAckAfter(k).isPresent());
                awaitTrue("the controller to finish the failover", options.stepTimeout(), fleet::failedOver);
                return "controller state " + fleet.state();
            });
            m.firstAckAt(load.firstAckAfter(k)).clientTimes(load.timeToFirstSuccess(k)).zoneChangedAt(feed.firstChangeAfter(k));
            Long promotedObserved = observer.firstAfter(k, s -> Boolean.TRUE.equals(s.writable().get(b)));
            Long dnsObserved = observer.firstAfter(k, s -> ingressIp(1).equals(s.dnsTarget()));
            m.controllerSteps(optional(fleet.detectedAtMs()),
                    optional(fleet.promotedAtMs() != null ? fleet.promotedAtMs() : promotedObserved),
                    optional(fleet.dnsSwitchedAtMs() != null ? fleet.dnsSwitchedAtMs() : dnsObserved));
            Long reportedRpo = fleet.reportedRpo();

            List<String> ackedNow = load.acknowledgedIds();
            Set<String> onB = phase("count lost orders", () -> ids(nodeB), s -> "");
            List<String> missing = new ArrayList<>();
            for (String id : ackedNow) if (!onB.contains(id)) missing.add(id);
            long lost = missing.size();
            lostIds = List.copyOf(missing);
            m.loss(lostIds, reportedRpo == null ? Figure.unknown("the controller reported the RPO as unknown (it had no GTID"
                    + " position of the old primary to compare)") : Figure.of(reportedRpo));
            replacePhaseDetail("count lost orders", ackedNow.size() + " acknowledged, " + missing.size()
                    + " missing on " + b + "; controller reported RPO "
                    + (reportedRpo == null ? "unknown" : reportedRpo + " transactions"));
            if (options.semiSync() && lost != 0) problems.add("semi-sync replication lost " + lost + " acknowledged orders");
            if (reportedRpo != null && reportedRpo != lost) {
                problems.add("lost acknowledged orders (" + lost + ") differ from the RPO the controller reported ("
                        + reportedRpo + ")");
            }
            if (reportedRpo == null) problems.add("the controller reported the RPO as unknown");

            long[] errantBox = new long[] {0};
            phase("restore " + a, () -> {
                nodeA.restart();
                nodeA.execute("SET GLOBAL read_only=ON");
                ReplicationEngine engine = new ReplicationEngine(new Topology(epB, List.of(epA), admin, repl));
                String how;
                try {
                    engine.rejoin(epA);
                    how = "rejoined as a replica of " + b;
                } catch (DivergedException e) {
                    errantBox[0] = e.errant().count();
                    OldPrimaryReclone.reclone(nodeB, nodeA, APP_PASSWORD);
                    engine.rejoin(epA);
                    how = "rejoin refused (" + errantBox[0] + " errant transactions = orders lost in the failover); "
                            + "re-cloned from " + b + " and rejoined";
                }
                shops.put(a, resources.add("storefront " + a, Storefront.start(a,
                        new InetSocketAddress(ingressIp(0), options.port()), nodeA.host(), nodeA.port(), APP_PASSWORD)));
                fleet.start(a);
                awaitTrue(a + " to report healthy again", options.stepTimeout(),
                        () -> "up".equals(zone.freshVotes(a, staleAfter()).get(a)));
                return how;
            });
            m.errantTransactions(errantBox[0]);

            long[] switchStart = new long[1];
            phase("switch back to " + a, () -> {
                switchStart[0] = clock.nowMs();
                String detail = fleet.failback(a);
                awaitTrue("an order acknowledged by " + a + " after the switch back", options.stepTimeout(),
                        () -> firstAckAfter(loadRef, switchStart[0], ingressIp(0)) != null);
                return detail;
            });
            Long backAck = firstAckAfter(load, switchStart[0], ingressIp(0));
            Figure switchbackMs = backAck == null ? Figure.unknown("no order reached " + a + " after the switch back")
                    : Figure.of(backAck - switchStart[0]);

            load.close();
            List<String> allAcked = load.acknowledgedIds();
            Set<String> lostSet = new HashSet<>(lostIds);
            Set<String> onA = phase("verify zero loss after switch back", () -> ids(nodeA), s -> "");
            long missingAfter = allAcked.stream().filter(id -> !lostSet.contains(id) && !onA.contains(id)).count();
            m.switchback(switchbackMs, missingAfter);
            replacePhaseDetail("verify zero loss after switch back", allAcked.size() + " acknowledged in total, "
                    + missingAfter + " missing on " + a + " (besides the " + lostSet.size() + " lost in the failover)");
            if (missingAfter != 0) problems.add(missingAfter + " acknowledged orders lost by the planned switch back");
        } catch (DrillStepFailed e) {
            problems.add(e.getMessage());
        } finally {
            if (load != null) load.close();
            if (observer != null) observer.close();
            if (feed != null) feed.close();
            progress.phaseStarted("stop everything", clock.nowMs());
            long t0 = clock.nowMs();
            List<String> failed = resources.closeAll();
            record(new DrillPhase("stop everything", t0, clock.nowMs(), failed.isEmpty(),
                    failed.isEmpty() ? "servers stopped, temp dirs removed" : "could not stop: " + failed));
        }
        m.ackedOrders(load == null ? 0 : load.acknowledgedIds().size());
        List<TimelineSample> samples = observer == null ? List.of() : observer.samples();
        m.replicationLags(samples.stream().flatMap(s -> s.replicationLagSec().values().stream())
                .filter(java.util.Objects::nonNull).map(sec -> sec * 1000).toList());
        return DrillResult.builder().mode("local").replication(options.semiSync() ? "semi-sync" : "async")
                .dns("simulated (LinodeApiSimulator through LinodeClient)").seed(options.seed()).measurements(m.build())
                .phases(phases).problems(problems)
                .traces(new DrillResult.DrillTraces(samples, load == null ? List.of() : load.attempts(),
                        feed == null ? List.of() : feed.changesMs(), 0))
                .ingressIps(List.of(ingressIp(0), ingressIp(1))).build();
    }

    private static java.util.OptionalLong optional(Long drillMs) {
        return drillMs == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(drillMs);
    }

    /** What the server says it is, e.g. "MariaDB 11.4.5-MariaDB" (unknown when it cannot be asked). */
    private static String engineVersion(MariaDbCluster.Node node) {
        try {
            return "MariaDB " + node.queryString("SELECT VERSION()");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private Duration staleAfter() {
        return options.probeInterval().multipliedBy(3);
    }

    private static Long firstAckAfter(LoadGenerator load, long fromMs, String target) {
        Long first = null;
        for (OrderAttempt a : load.attempts()) {
            if (a.acknowledged() && a.sentMs() >= fromMs && (target == null || target.equals(a.target()))) {
                if (first == null || a.answeredMs() < first) first = a.answeredMs();
            }
        }
        return first;
    }

    private static boolean tableExists(MariaDbCluster.Node node) {
        try {
            return "1".equals(node.queryString("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='"
                    + Storefront.SCHEMA + "' AND table_name='orders'"));
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<String> ids(MariaDbCluster.Node node) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Map<String, String> row : node.query("SELECT id FROM " + Storefront.SCHEMA + ".orders")) ids.add(row.get("id"));
        return ids;
    }

    /** Fails with a clear message when a region's storefront address is taken (before anything starts). */
    public static void checkPorts(int port) {
        for (int i = 0; i < 2; i++) checkPort(i == 0 ? "A" : "B", ingressIp(i), port);
    }

    private static void checkPort(String region, String ip, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
        } catch (IOException e) {
            throw new DrillException("port " + port + " on " + ip + " (storefront of region " + region
                    + ") is already in use; stop what listens there or pass --port with a free port");
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DrillException("gave up waiting " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }

    // ---- phases ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    /** Thrown after a failed phase was recorded; ends the run. */
    private static final class DrillStepFailed extends Exception {
        DrillStepFailed(String message) {
            super(message);
        }
    }

    private String phase(String name, Step<String> step) throws DrillStepFailed {
        return phase(name, step, s -> s);
    }

    private <T> T phase(String name, Step<T> step, java.util.function.Function<T, String> detail) throws DrillStepFailed {
        long start = clock.nowMs();
        progress.phaseStarted(name, start);
        try {
            T value = step.run();
            record(new DrillPhase(name, start, clock.nowMs(), true, detail.apply(value)));
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(new DrillPhase(name, start, clock.nowMs(), false, "interrupted"));
            throw new DrillStepFailed(name + ": interrupted");
        } catch (Exception e) {
            String why = e instanceof DrillException || e.getClass().getName().startsWith("io.shopdr")
                    ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            // first line only: a server's whole error log does not belong in a summary
            if (why != null && why.indexOf('\n') > 0) why = why.substring(0, why.indexOf('\n')) + " …";
            if (why != null && why.length() > 240) why = why.substring(0, 240) + " …";
            if (aborted) why = "interrupted (Ctrl-C): everything the drill started was stopped";
            record(new DrillPhase(name, start, clock.nowMs(), false, why));
            throw new DrillStepFailed(name + " failed: " + why);
        }
    }

    private void record(DrillPhase p) {
        phases.add(p);
        progress.phaseFinished(p);
    }

    private void replacePhaseDetail(String name, String detail) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            DrillPhase p = phases.get(i);
            if (p.name().equals(name)) {
                phases.set(i, new DrillPhase(p.name(), p.startMs(), p.endMs(), p.ok(), detail));
                progress.note(detail, p.endMs());
                return;
            }
        }
    }
}
