package io.shopdr.agent.failover;

import static io.shopdr.agent.failover.ControllerFixture.IPV4;
import static io.shopdr.agent.failover.ControllerFixture.IPV6;
import static io.shopdr.agent.failover.ControllerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.replication.SharedReplicationCluster;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller end to end: three regions on real MariaDB servers (one shared cluster, reset per scenario),
 * in-process ingresses, the Linode API simulator through the real client, a controller per region plus a witness.
 */
class FailoverControllerScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    static SharedReplicationCluster cluster;
    private ControllerFixture f;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new ControllerFixture(cluster);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void awaitAllUp() throws InterruptedException {
        await(WAIT, () -> f.controllers.values().stream().allMatch(c -> c.lastRound() != null
                        && c.localView().values().stream().allMatch(s -> s == TargetState.UP)
                        && ControllerFixture.REGIONS.stream().allMatch(r -> c.verdict(r).up())),
                () -> "every observer sees every region up" + f.describe());
    }

    @Test
    void primaryDiesAndTheStandbyFailsOverFencesAndSwitchesDns() throws Exception {
        f.startControllers();
        awaitAllUp();
        MariaDbCluster.Node primary = f.node("us-east");
        primary.execute("INSERT INTO shop.orders VALUES (1, 'before the outage', 10), (2, 'b', 20)");
        String pos = primary.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        for (String r : List.of("eu-west", "ap-south")) {
            assertEquals("0", f.node(r).queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"));
        }
        FailoverController west = f.controller("eu-west");
        await(WAIT, () -> pos.equals(west.lastSeenPrimaryGtid()), () -> "eu-west polled the primary's position, has " + west.lastSeenPrimaryGtid());
        assertEquals(ControllerState.PRIMARY_HEALTHY, west.state());

        f.killRegion("us-east");

        await(WAIT, () -> west.state() == ControllerState.FAILED_OVER, () -> "eu-west fails over" + f.describe());
        Incident incident = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER).findFirst().orElseThrow();
        assertEquals(Incident.Outcome.COMPLETED, incident.outcome(), incident.toJson());
        assertEquals("us-east", incident.fromRegion());
        String promoted = incident.toRegion();
        assertTrue(promoted.equals("eu-west") || promoted.equals("ap-south"), promoted);
        // issue 14 defect 3: asynchronous replication and an unreachable old primary — its final position cannot be
        // known, so the RPO is unknown (it used to report 0, a lower bound); the floor is in the timeline
        assertTrue(incident.lostTransactions().isEmpty(), incident.toJson());
        assertTrue(incident.timeline().stream().anyMatch(t -> t.event().contains("RPO unknown")
                && t.event().contains("at least 0 transaction(s)")), incident.toJson());
        assertEquals(pos, incident.lastSeenPrimaryGtid());
        List<String> steps = incident.timeline().stream().map(TimelineEntry::event).toList();
        int quorum = index(steps, "quorum declared us-east down");
        int sqlFence = index(steps, "SQL fence");
        int fw = index(steps, "firewall fence: firewall " + f.firewalls.get("us-east"));
        int promote = index(steps, "promoted " + promoted);
        int dns = index(steps, "DNS switched to " + promoted);
        assertTrue(quorum < sqlFence && sqlFence < fw && fw < promote && promote < dns, steps.toString());
        assertTrue(steps.get(sqlFence).contains("not reachable"), "the dead primary cannot be SQL-fenced: " + steps.get(sqlFence));

        // DNS: both names point at the promoted region's ingress; AAAA follows (or is removed when it has no IPv6)
        for (String name : List.of("", "www")) {
            assertEquals(List.of(IPV4.get(promoted)), f.targets("A", name));
            assertEquals(IPV6.containsKey(promoted) ? List.of(IPV6.get(promoted)) : List.of(), f.targets("AAAA", name));
        }
        // the old primary's database firewall drops the DB port, the other rules are kept behind the fence
        var rules = f.firewallRules("us-east");
        assertTrue(FirewallFence.isFenced(rules, f.config.region("us-east").databasePort()), rules.toString());
        assertEquals("mysql-from-regions", rules.inbound().get(1).label());
        assertFalse(FirewallFence.isFenced(f.firewallRules(promoted), f.config.region(promoted).databasePort()));
        // the promoted database is writable and has every row; the other standby replicates from it
        MariaDbCluster.Node np = f.node(promoted);
        assertEquals("0", np.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals("2", np.queryString("SELECT COUNT(*) FROM shop.orders"));
        np.execute("INSERT INTO shop.orders VALUES (3, 'after failover', 30)");
        String other = promoted.equals("eu-west") ? "ap-south" : "eu-west";
        String newPos = np.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", f.node(other).queryString("SELECT MASTER_GTID_WAIT('" + newPos + "', 30)"));
        assertEquals("3", f.node(other).queryString("SELECT COUNT(*) FROM shop.orders"));
        // the acting controller publishes the outcome in the zone's event record for the cloud drill
        FailoverEvent published = FailoverEvent.in(f.linode.records(ControllerFixture.DOMAIN));
        assertTrue(published != null, "a readable " + FailoverEvent.RECORD_NAME + " record");
        assertEquals(FailoverEvent.FAILOVER, published.kind());
        assertEquals(FailoverEvent.DONE, published.phase());
        assertEquals("us-east", published.from());
        assertEquals(promoted, published.to());
        assertEquals(promoted, published.by(), "the promoted region's controller acted");
        assertTrue(published.rpo().isEmpty(), "unknown RPO is published as unknown: " + published.toJson());
        assertTrue(!published.detectedInstant().isAfter(incident.startedAt()), "detected when the quorum declared it: " + published.toJson());
        assertTrue(!published.promotedInstant().isBefore(published.detectedInstant()), published.toJson());
        assertTrue(!published.dnsSwitchedInstant().isBefore(published.promotedInstant()), published.toJson());
        assertEquals(published.promotedInstant(), published.atInstant(), "the hold-down counts from the promotion");
        // every surviving observer learns the new primary from DNS
        for (String n : List.of("ap-south", "witness")) {
            FailoverController c = f.controller(n);
            await(WAIT, () -> c.primaryRegion().equals(promoted) && c.state() == ControllerState.FAILED_OVER,
                    () -> n + " follows the switch" + f.describe());
        }
        assertEquals(1, f.controllers.values().stream().mapToLong(FailoverController::failoversTotal).sum(),
                "exactly one controller acted");
    }


    /** Records every state any controller entered. */
    private java.util.List<String> recordTransitions() {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.controllers.values().forEach(c -> c.addListener(new ControllerListener() {
            @Override
            public void stateChanged(String observer, ControllerState from, ControllerState to, String reason) {
                seen.add(observer + ":" + to);
            }
        }));
        return seen;
    }

    /** Waits until every running controller ran {@code cycles} more probe cycles. */
    private void awaitCycles(int cycles) throws InterruptedException {
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
        f.controllers.values().stream().filter(FailoverController::isRunning).forEach(c -> {
            counts.put(c.name(), new java.util.concurrent.atomic.AtomicInteger());
            c.addListener(new ControllerListener() {
                @Override
                public void roundCompleted(String observer, io.shopdr.agent.health.ObservationRound round) {
                    counts.get(observer).incrementAndGet();
                }
            });
        });
        await(WAIT, () -> counts.values().stream().allMatch(n -> n.get() >= cycles), () -> "cycles " + counts);
    }

    private void assertNothingChanged(java.util.List<String> transitions) throws Exception {
        for (String name : List.of("", "www")) {
            assertEquals(List.of(IPV4.get("us-east")), f.targets("A", name), f.describe());
            assertEquals(List.of(IPV6.get("us-east")), f.targets("AAAA", name));
        }
        for (String r : ControllerFixture.REGIONS) {
            assertFalse(FirewallFence.isFenced(f.firewallRules(r), f.config.region(r).databasePort()), r + " fenced");
        }
        assertEquals("0", f.node("us-east").queryString("SELECT @@GLOBAL.read_only"), "primary still writable");
        for (String r : List.of("eu-west", "ap-south")) {
            assertEquals("1", f.node(r).queryString("SELECT @@GLOBAL.read_only"), r + " still a read-only replica");
        }
        assertTrue(transitions.stream().noneMatch(t -> t.endsWith(":FAILING_OVER") || t.endsWith(":FAILED_OVER")), transitions.toString());
        f.controllers.values().forEach(c -> assertTrue(c.incidents().stream().noneMatch(i -> i.kind() == Incident.Kind.FAILOVER),
                c.name() + " " + c.incidents()));
        assertEquals(0, f.controllers.values().stream().mapToLong(FailoverController::failoversTotal).sum());
    }

    @Test
    void flappingPrimaryNeverFailsOver() throws Exception {
        f.startControllers();
        awaitAllUp();
        List<String> transitions = recordTransitions();
        // every prober gets fail, fail, ok, …: never three failures in a row, so no observer marks it down
        f.ingress.get("us-east").pattern(503, 503, 200);
        awaitCycles(15);
        assertTrue(f.ingress.get("us-east").failures() >= 20, "the primary really flapped: " + f.ingress.get("us-east").failures());
        f.controllers.values().forEach(c -> assertEquals(TargetState.UP, c.localView().get("us-east"), c.name()));
        assertNothingChanged(transitions);
    }

    @Test
    void oneObserverPartitionedFromThePrimaryDoesNotCauseFailover() throws Exception {
        f.startControllers();
        awaitAllUp();
        List<String> transitions = recordTransitions();
        FailoverController west = f.controller("eu-west");
        west.observer().replaceTarget(new io.shopdr.agent.health.ProbeTarget("us-east",
                java.net.URI.create("http://127.0.0.1:" + deadPort() + "/healthz"), ControllerFixture.DOMAIN));
        await(WAIT, () -> west.localView().get("us-east") == TargetState.DOWN
                && f.controller("witness").verdict("us-east").downObservers().contains("eu-west"),
                () -> "eu-west's down vote is published" + f.describe());
        awaitCycles(10);
        assertEquals(ControllerState.PRIMARY_SUSPECT, west.state(), west.stateReason());
        assertFalse(west.verdict("us-east").down(), west.verdict("us-east").reason());
        assertNothingChanged(transitions);
    }

    @Test
    void primaryRegionCutOffFromEveryoneButStillUpForItselfIsNotFailedOver() throws Exception {
        f.startControllers();
        awaitAllUp();
        List<String> transitions = recordTransitions();
        int dead = deadPort();
        for (String n : List.of("eu-west", "ap-south", "witness")) {
            f.controller(n).observer().replaceTarget(new io.shopdr.agent.health.ProbeTarget("us-east",
                    java.net.URI.create("http://127.0.0.1:" + dead + "/healthz"), ControllerFixture.DOMAIN));
        }
        await(WAIT, () -> f.controller("eu-west").verdict("us-east").downObservers().size() == 3,
                () -> "three outside observers vote down" + f.describe());
        awaitCycles(10);
        var v = f.controller("eu-west").verdict("us-east");
        assertFalse(v.down(), v.reason());
        assertTrue(v.reason().contains("partition"), v.reason());
        assertNothingChanged(transitions);
    }

    @Test
    void everythingDownChangesNothingAndAlerts() throws Exception {
        f.startControllers();
        awaitAllUp();
        List<String> transitions = recordTransitions();
        f.ingress.values().forEach(io.shopdr.agent.health.FakeIngress::stop);
        FailoverController west = f.controller("eu-west");
        await(WAIT, () -> west.incidents().stream().anyMatch(i -> i.kind() == Incident.Kind.ALL_DOWN),
                () -> "eu-west alerts" + f.describe());
        awaitCycles(8);
        assertNothingChanged(transitions);
        Incident alert = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.ALL_DOWN).findFirst().orElseThrow();
        assertTrue(alert.timeline().get(0).event().startsWith("ALERT: every region looks down; changing nothing"), alert.toJson());
        assertEquals(1, west.incidents().stream().filter(i -> i.kind() == Incident.Kind.ALL_DOWN).count(), "one alert per episode");

        for (var i : f.ingress.values()) i.start();
        await(WAIT, () -> f.controllers.values().stream().allMatch(c -> c.state() == ControllerState.PRIMARY_HEALTHY),
                () -> "everyone healthy again" + f.describe());
        Incident closed = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.ALL_DOWN).findFirst().orElseThrow();
        assertEquals(Incident.Outcome.ALERTED, closed.outcome());
        assertTrue(closed.timeOf("recovered").isPresent(), closed.toJson());
        assertNothingChanged(transitions);
    }

    @Test
    void rateLimitStormDuringTheDnsSwitchStillCompletesTheFailover() throws Exception {
        f.startControllers();
        awaitAllUp();
        // when the promotion is done, Linode answers the next 6 requests with 429 Retry-After: 1
        f.controllers.values().forEach(c -> c.addListener(new ControllerListener() {
            @Override
            public void incidentUpdated(Incident i) {
                if (i.kind() == Incident.Kind.FAILOVER && i.timeline().size() > 0
                        && i.timeline().get(i.timeline().size() - 1).event().startsWith("promoted ")) {
                    f.linode.rateLimitNext(6, Duration.ofSeconds(1));
                }
            }
        }));
        f.killRegion("us-east");
        await(WAIT, () -> f.controllers.values().stream().anyMatch(c -> c.failoversTotal() == 1
                        && c.incidents().stream().anyMatch(i -> i.kind() == Incident.Kind.FAILOVER && i.outcome() == Incident.Outcome.COMPLETED)),
                () -> "failover completes" + f.describe());
        Incident done = f.controllers.values().stream().flatMap(c -> c.incidents().stream())
                .filter(i -> i.kind() == Incident.Kind.FAILOVER && i.outcome() == Incident.Outcome.COMPLETED).findFirst().orElseThrow();
        long throttled = f.linode.requests().stream().filter(r -> r.status() == 429).count();
        assertEquals(6, throttled, "the storm happened");
        assertEquals(List.of(IPV4.get(done.toRegion())), f.targets("A", ""));
        assertEquals(List.of(IPV4.get(done.toRegion())), f.targets("A", "www"));
        Duration promotedToSwitched = Duration.between(done.timeOf("promoted").orElseThrow(), done.timeOf("DNS switched").orElseThrow());
        assertTrue(promotedToSwitched.compareTo(io.shopdr.agent.linode.RetryPolicy.defaults().budget()) < 0,
                "switched within the client's retry budget: " + promotedToSwitched);
    }

    @Test
    void tokenLackingScopesGivesClearErrorsAndAControllerThatCanWriteActs() throws Exception {
        // no domains scope at all: start() refuses with the scope to add
        var firewallOnly = "firewall-only-token";
        f.linode.addToken(firewallOnly, "firewall:read_write");
        var noDomains = f.client(firewallOnly, io.shopdr.agent.linode.RetryPolicy.none());
        var failing = new FailoverController(f.config, "eu-west", noDomains, noDomains,
                new EngineRegionDatabases(f.config, SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL), f.clock);
        io.shopdr.agent.linode.LinodeApiException e = org.junit.jupiter.api.Assertions.assertThrows(io.shopdr.agent.linode.LinodeApiException.class, failing::start);
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("token lacks domains:"), e.getMessage());
        assertFalse(e.getMessage().contains(firewallOnly), "the token never appears in errors");
        failing.close();

        // read-only domains scope: eu-west runs but cannot vote; its error says which scope is missing
        f.startController("us-east", f.client);
        FailoverController west = f.startController("eu-west", f.client(ControllerFixture.READ_ONLY_TOKEN,
                io.shopdr.agent.linode.RetryPolicy.none()));
        f.startController("ap-south", f.client);
        f.startController("witness", f.client);
        await(WAIT, () -> west.lastError() != null && west.lastError().contains("token lacks domains:read_write"),
                () -> "eu-west reports the missing scope: " + west.lastError());
        assertFalse(west.lastError().contains(ControllerFixture.READ_ONLY_TOKEN));
        await(WAIT, () -> f.controller("ap-south").verdict("us-east").up() && f.controller("ap-south").verdict("ap-south").up(),
                () -> "others vote" + f.describe());

        f.killRegion("us-east");
        // eu-west has no fresh votes, so ap-south's controller (which can write) acts
        FailoverController south = f.controller("ap-south");
        await(WAIT, () -> south.failoversTotal() == 1 && south.state() == ControllerState.FAILED_OVER,
                () -> "ap-south fails over" + f.describe());
        assertEquals(0, west.failoversTotal());
        assertTrue(west.incidents().stream().noneMatch(i -> i.kind() == Incident.Kind.FAILOVER), west.incidents().toString());
        Incident i = south.incidents().get(0);
        assertEquals(List.of(IPV4.get(i.toRegion())), f.targets("A", ""));
    }

    @Test
    void holdDownBlocksASecondFailoverUntilItExpires() throws Exception {
        f.startControllers();
        awaitAllUp();
        f.killRegion("us-east");
        await(WAIT, () -> f.controllers.values().stream().mapToLong(FailoverController::failoversTotal).sum() == 1
                        && f.controllers.values().stream().filter(c -> c.failoversTotal() == 1).allMatch(c -> c.state() == ControllerState.FAILED_OVER),
                () -> "first failover" + f.describe());
        // the completed failover: on a loaded machine a claim refused as too slow leaves an incident without a region first
        String first = f.controllers.values().stream().flatMap(c -> c.incidents().stream())
                .filter(i -> i.kind() == Incident.Kind.FAILOVER && i.outcome() == Incident.Outcome.COMPLETED)
                .findFirst().orElseThrow().toRegion();
        String last = first.equals("eu-west") ? "ap-south" : "eu-west";
        FailoverController survivor = f.controller(last);
        await(WAIT, () -> survivor.primaryRegion().equals(first), () -> "survivor follows" + f.describe());
        // the loss budget needs the survivor's lag behind the new primary: without one observation it would hold
        await(WAIT, () -> survivor.observedLag().containsKey(last), () -> "survivor knows its lag" + f.describe());

        f.killRegion(first);
        await(WAIT, () -> survivor.stateReason().contains("hold-down until"), () -> "hold-down holds" + f.describe());
        awaitCycles(5);
        assertEquals(List.of(IPV4.get(first)), f.targets("A", ""), "no second failover within the hold-down");
        assertEquals(0, survivor.failoversTotal());

        f.clock.advance(f.config.holdDown().plusMinutes(1));
        await(WAIT, () -> survivor.failoversTotal() == 1 && survivor.primaryRegion().equals(last),
                () -> "second failover after the hold-down" + f.describe());
        assertEquals(List.of(IPV4.get(last)), f.targets("A", ""));
        assertEquals("0", f.node(last).queryString("SELECT @@GLOBAL.read_only"));
    }

    @Test
    void failbackMovesThePrimaryHomeWithoutLosingRows() throws Exception {
        f.startControllers();
        awaitAllUp();
        f.node("us-east").execute("INSERT INTO shop.orders VALUES (1, 'before', 10)");
        // replicated before the kill: asynchronous replication on a loaded machine could leave it on us-east alone,
        // and the failback would then rightly refuse a diverged home (this test is about the failback, not that loss)
        String before = f.node("us-east").queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        for (String r : List.of("eu-west", "ap-south")) {
            assertEquals("0", f.node(r).queryString("SELECT MASTER_GTID_WAIT('" + before + "', 30)"));
        }
        f.killRegion("us-east");
        await(WAIT, () -> f.controller("eu-west").state() == ControllerState.FAILED_OVER, () -> "failover" + f.describe());
        String promoted = f.controller("eu-west").primaryRegion();
        MariaDbCluster.Node np = f.node(promoted);
        for (int i = 2; i <= 50; i++) np.execute("INSERT INTO shop.orders VALUES (" + i + ", 'during the outage', " + i + ")");

        // us-east comes back: its database restarts (writable again after a restart!), its ingress and controller return
        f.node("us-east").restart();
        f.ingress.get("us-east").start();
        f.controllers.remove("us-east").close();
        FailoverController home = f.startController("us-east", f.client);
        await(WAIT, () -> home.verdict("us-east").up() && home.primaryRegion().equals(promoted), () -> "us-east back" + f.describe());

        List<String> transitions = recordTransitions();
        Incident i = home.failback("us-east", Duration.ofSeconds(60));
        assertEquals(Incident.Outcome.COMPLETED, i.outcome(), i.toJson());
        assertEquals(0L, i.lostTransactions().orElse(-1));
        MariaDbCluster.Node usEast = f.node("us-east");
        assertEquals("50", usEast.queryString("SELECT COUNT(*) FROM shop.orders"), "zero lost rows");
        assertEquals("0", usEast.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals("1", np.queryString("SELECT @@GLOBAL.read_only"), promoted + " is a replica again");
        usEast.execute("INSERT INTO shop.orders VALUES (51, 'after failback', 51)");
        String pos = usEast.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", np.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"));
        assertEquals("51", np.queryString("SELECT COUNT(*) FROM shop.orders"));
        for (String name : List.of("", "www")) assertEquals(List.of(IPV4.get("us-east")), f.targets("A", name));
        assertFalse(FirewallFence.isFenced(f.firewallRules("us-east"), f.config.region("us-east").databasePort()), "fence lifted");
        await(WAIT, () -> f.controllers.values().stream().allMatch(c -> c.state() == ControllerState.PRIMARY_HEALTHY),
                () -> "all healthy at home" + f.describe());
        assertTrue(transitions.stream().noneMatch(t -> t.endsWith(":FAILING_OVER")), transitions.toString());
    }

    /**
     * The hold-down after a failover keeps automatic failovers from ping-ponging; an operator's completed failback
     * ends it — the operator judged the home region healthy and the target answered healthy before DNS moved — so a
     * new outage of the home region fails over again at once. The hold-down used to live in the acting controller's
     * memory while the zone's event record (now the failback's) no longer carried it: the same outage was held for an
     * hour by the controller that had acted and failed over at once by a restarted one.
     */
    @Test
    void aCompletedFailbackEndsTheHoldDownForEveryController() throws Exception {
        f.startControllers();
        awaitAllUp();
        f.killRegion("us-east");
        await(WAIT, () -> f.controllers.values().stream().anyMatch(c -> c.failoversTotal() == 1
                && c.state() == ControllerState.FAILED_OVER), () -> "failover" + f.describe());
        FailoverController actor = f.controllers.values().stream().filter(c -> c.failoversTotal() == 1).findFirst().orElseThrow();
        String promoted = actor.primaryRegion();

        f.node("us-east").restart();
        f.ingress.get("us-east").start();
        f.controllers.remove("us-east").close();
        FailoverController home = f.startController("us-east", f.client);
        await(WAIT, () -> home.verdict("us-east").up() && home.primaryRegion().equals(promoted), () -> "us-east back" + f.describe());
        assertEquals(Incident.Outcome.COMPLETED, home.failback("us-east", Duration.ofSeconds(60)).outcome());
        await(WAIT, () -> f.controllers.values().stream().allMatch(c -> c.state() == ControllerState.PRIMARY_HEALTHY
                        && c.primaryRegion().equals("us-east")), () -> "all healthy at home" + f.describe());
        // the loss budget needs each standby's lag behind us-east: without one observation it would hold
        await(WAIT, () -> Stream.of("eu-west", "ap-south").map(f::controller)
                .allMatch(c -> c.observedLag().containsKey(c.name())), () -> "standbys know their lag "
                + f.controllers.values().stream().map(c -> c.name() + "=" + c.observedLag()).toList() + f.describe());

        f.killRegion("us-east");
        await(WAIT, () -> f.controllers.values().stream().mapToLong(FailoverController::failoversTotal).sum() == 2,
                () -> "a second failover, well within an hour of the first" + f.describe());
        assertTrue(f.controllers.values().stream().noneMatch(c -> c.stateReason().contains("hold-down")),
                () -> "nobody holds" + f.describe());
        // a failover counts at its promotion; its DNS switch follows in the same cycle, or the next when it fails
        await(WAIT, () -> !f.targets("A", "").contains(IPV4.get("us-east")), () -> "DNS off us-east " + f.targets("A", "")
                + f.describe());
    }

    @Test
    void autoFailbackWhenEnabledMovesHomeAfterTheHoldDown() throws Exception {
        f.config = f.configBuilder().autoFailback(true).build();
        f.startControllers();
        awaitAllUp();
        f.killRegion("us-east");
        await(WAIT, () -> f.controller("eu-west").state() == ControllerState.FAILED_OVER, () -> "failover" + f.describe());
        String promoted = f.controller("eu-west").primaryRegion();
        f.node(promoted).execute("INSERT INTO shop.orders VALUES (7, 'during the outage', 7)");

        f.node("us-east").restart();
        f.ingress.get("us-east").start();
        f.controllers.remove("us-east").close();
        FailoverController home = f.startController("us-east", f.client);
        await(WAIT, () -> home.verdict("us-east").up(), () -> "us-east back" + f.describe());
        awaitCycles(3);
        assertEquals(List.of(IPV4.get(promoted)), f.targets("A", ""), "no automatic failback within the hold-down");

        f.clock.advance(f.config.holdDown().plusMinutes(1));
        await(WAIT, () -> f.targets("A", "").equals(List.of(IPV4.get("us-east"))), () -> "automatic failback" + f.describe());
        FailoverController actor = f.controller(promoted);
        await(WAIT, () -> actor.incidents().stream().anyMatch(i -> i.kind() == Incident.Kind.FAILBACK
                && i.outcome() != Incident.Outcome.IN_PROGRESS), () -> "failback incident closes" + actor.incidents());
        Incident back = actor.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILBACK).findFirst().orElseThrow();
        assertEquals(Incident.Outcome.COMPLETED, back.outcome(), back.toJson());
        assertEquals("1", f.node("us-east").queryString("SELECT COUNT(*) FROM shop.orders WHERE id = 7"), "no lost rows");
        assertEquals("0", f.node("us-east").queryString("SELECT @@GLOBAL.read_only"));
    }

    private static int deadPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int index(List<String> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) if (steps.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no step starting with '" + prefix + "' in " + steps);
    }
}
