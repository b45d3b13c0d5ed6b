package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.shopdr.agent.cli.Shopdr;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.health.ShiftableClock;
import io.shopdr.agent.replication.SemiSyncDurability;
import io.shopdr.agent.replication.StandbyReceipt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;
import picocli.CommandLine;

/**
 * The safety rules of issue 14 on controllers driven cycle by cycle (a clock advanced by hand): the zone, votes and
 * firewalls live in the Linode API simulator, each region's ingress is a real HTTP server, and the databases are a
 * Mockito double — the point of every test is what a JDBC or Linode API call failing (or answering) at one step does.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class FailoverSafetyTest {
    private static final String DOMAIN = "shop.example.com";
    private static final String TOKEN = "safety-token";
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    private static final Map<String, String> IPV4 = Map.of("us-east", "198.51.100.1", "eu-west", "198.51.100.2",
            "ap-south", "198.51.100.3");

    @Mock
    RegionDatabases databases;

    private LinodeApiSimulator sim;
    private LinodeClient client;
    private DnsZone zone;
    private final Map<String, FakeIngress> ingress = new LinkedHashMap<>();
    private final Map<String, Long> firewalls = new LinkedHashMap<>();
    private final Map<String, FailoverController> controllers = new LinkedHashMap<>();
    private final ShiftableClock clock = ShiftableClock.fixedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeEach
    void world() throws Exception {
        sim = LinodeApiSimulator.start().addToken(TOKEN, LinodeApiSimulator.ALL_SCOPES);
        zone = sim.addZone(DOMAIN);
        for (String name : List.of("", "www")) sim.addRecord(zone, DnsRecord.of("A", name, IPV4.get("us-east"), 30));
        client = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN).retryPolicy(RetryPolicy.none()).build();
        FirewallRules rules = new FirewallRules("DROP", List.of(new FirewallRule("mysql", "ACCEPT", "TCP", "3306",
                List.of("192.0.2.0/24"), List.of())), "ACCEPT", List.of());
        for (String r : REGIONS) {
            ingress.put(r, new FakeIngress());
            firewalls.put(r, client.createFirewall("db-" + r, rules).id());
        }
        when(databases.gtidPosition(anyString(), any())).thenReturn("0-1-10");
        when(databases.durability(anyString(), any())).thenReturn(SemiSyncDurability.OFF);
        when(databases.receipts(anyString(), any(), any(), any())).thenAnswer(i -> receipts(0));
        when(databases.fence(anyString(), any())).thenReturn(false); // the old primary's database is unreachable
        when(databases.failover(eq("us-east"), any())).thenReturn(new Promotion("eu-west", OptionalLong.of(0), "new primary eu-west"));
    }

    private static Map<String, StandbyReceipt> receipts(long missing) {
        Map<String, StandbyReceipt> m = new LinkedHashMap<>();
        m.put("eu-west", new StandbyReceipt(null, "0-1-" + (10 - missing), 0L, missing));
        m.put("ap-south", new StandbyReceipt(null, "0-1-" + (10 - missing), 0L, missing));
        return m;
    }

    @AfterEach
    void close() {
        controllers.values().forEach(FailoverController::close);
        ingress.values().forEach(FakeIngress::close);
        sim.close();
    }

    private ControllerConfig.Builder config(List<String> regions, boolean witness) {
        return config(regions, witness, Set.of());
    }

    /** As {@link #config(List, boolean)}, with the regions in {@code unreachable} probed at a port nothing listens on. */
    private ControllerConfig.Builder config(List<String> regions, boolean witness, Set<String> unreachable) {
        ControllerConfig.Builder b = ControllerConfig.builder().domain(DOMAIN).probeScheme("http")
                .probeInterval(INTERVAL).connectTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(1))
                .failureThreshold(2).successThreshold(1).voteStaleAfter(Duration.ofSeconds(6)).voteRefresh(INTERVAL);
        if (witness) b.witness("witness");
        for (String r : regions) {
            b.region(new RegionConfig(r, IPV4.get(r), null, unreachable.contains(r) ? "http://127.0.0.1:9/healthz"
                    : ingress.get(r).url(), "10.0.0." + (REGIONS.indexOf(r) + 1) + ":3306",
                    firewalls.get(r)));
        }
        return b;
    }

    /** One controller per observer, each talking to the API through {@code api} unless given its own. */
    private void controllers(ControllerConfig config, LinodeClient api, Map<String, LinodeClient> own) {
        for (String name : config.observers()) {
            LinodeClient c = own.getOrDefault(name, api);
            boolean w = !config.isRegion(name);
            controllers.put(name, new FailoverController(config, name, c, w ? null : c, w ? null : databases, clock));
        }
    }

    /** One probe cycle of every controller not in {@code skip}, then the clock moves one interval on. */
    private void round(Set<String> skip) {
        for (Map.Entry<String, FailoverController> e : controllers.entrySet()) if (!skip.contains(e.getKey())) e.getValue().tick();
        clock.advance(INTERVAL);
    }

    private void roundsUntil(Set<String> skip, int max, BooleanSupplier done, String what) {
        for (int i = 0; i < max && !done.getAsBoolean(); i++) round(skip);
        assertTrue(done.getAsBoolean(), what + describe());
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        controllers.forEach((n, c) -> sb.append("\n  ").append(n).append(": ").append(c.state()).append(" (").append(c.stateReason())
                .append(") holding=").append(c.holding()));
        return sb.toString();
    }

    private void allUpThenLose(String region) {
        allUp();
        ingress.get(region).stop();
    }

    private void allUp() {
        roundsUntil(Set.of(), 10, () -> controllers.values().stream().allMatch(c -> c.state() == ControllerState.PRIMARY_HEALTHY
                && REGIONS.stream().allMatch(r -> !c.config().isRegion(r) || c.verdict(r).up())), "every region up");
    }

    private int shopdr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the real root command; commands that read the environment get one holding the simulator's token
        Map<String, String> env = Map.of("LINODE_TOKEN", TOKEN);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    var withEnvironment = cls.getDeclaredConstructor(Map.class);
                    withEnvironment.setAccessible(true);
                    return withEnvironment.newInstance(env);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
        CommandLine cl = Shopdr.commandLine(factory);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        lastOutput = out + err.toString();
        return code;
    }

    private String lastOutput = "";

    /**
     * Defect 2. Neither fence is confirmed (the old primary's database is unreachable and the firewall API call
     * fails): the controller holds and says why instead of promoting; once the old primary's self-fence lease has
     * certainly expired by its clock, it promotes and says on what grounds. On the old code the promotion went ahead
     * at once (both failures were only logged).
     */
    @Test
    void withoutAConfirmedFenceThePromotionWaitsForTheOldPrimarysLease() {
        LinodeClient api = spy(client);
        doThrow(new LinodeApiException(503, "Linode API: service unavailable")).when(api).replaceRules(eq(firewalls.get("us-east")), any());
        controllers(config(REGIONS, true).build(), api, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        Set<String> dead = Set.of("us-east");
        roundsUntil(dead, 15, () -> "no-fence".equals(west.holding()), "eu-west holds for want of a fence");
        verify(databases, never()).failover(anyString(), any());
        assertTrue(west.stateReason().contains("no fence confirmed"), west.stateReason());
        assertTrue(west.stateReason().contains("self-fence lease runs until"), west.stateReason());
        assertTrue(west.incidents().stream().anyMatch(i -> i.kind() == Incident.Kind.FAILOVER_HELD), "an alert incident");

        roundsUntil(dead, 20, () -> west.failoversTotal() == 1, "eu-west promotes once the lease expired");
        verify(databases, times(1)).failover(eq("us-east"), any());
        Incident done = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER
                && i.outcome() == Incident.Outcome.COMPLETED).findFirst().orElseThrow();
        assertTrue(done.timeline().stream().anyMatch(t -> t.event().contains("self-fence lease expired")), done.toJson());
        assertTrue(done.lostTransactions().isEmpty(), "async, old primary unreachable: the RPO is unknown, " + done.toJson());
        assertTrue(done.timeline().stream().anyMatch(t -> t.event().contains("RPO unknown") && t.event().contains("at least 0")),
                done.toJson());
    }

    /**
     * Defect 7. Another party takes the epoch over while this controller fences (an operator's failback): the
     * failover stops before promoting. On the old code nothing was re-checked after the claim.
     */
    @Test
    void aFailoverOvertakenByANewerEpochStopsBeforePromoting() {
        when(databases.fence(eq("us-east"), any())).thenAnswer(i -> {
            FailoverEvent claim = FailoverEvent.in(client.records(zone));
            FailoverEvent failback = FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.STARTED, "us-east", "ap-south",
                    clock.instant(), "operator").withEpoch(claim.epochNumber() + 1);
            DnsRecord record = FailoverEvent.recordIn(client.records(zone));
            client.update(zone, record.withTarget(failback.toJson()));
            return true;
        });
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 15, () -> west.incidents().stream().anyMatch(i -> i.kind() == Incident.Kind.FAILOVER
                && i.outcome() == Incident.Outcome.FAILED), "the overtaken failover ends");
        verify(databases, never()).failover(anyString(), any());
        Incident failed = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER).findFirst().orElseThrow();
        assertTrue(failed.timeline().stream().anyMatch(t -> t.event().contains("claimed the failover") && t.event().contains("epoch 1")),
                failed.toJson());
        assertTrue(failed.timeline().stream().anyMatch(t -> t.event().contains("epoch 1 was taken over before")
                && t.event().contains("failback started by operator, epoch 2")), failed.toJson());
        assertEquals(List.of(IPV4.get("us-east")), aRecords(), "DNS untouched");
        FailoverEvent holder = FailoverEvent.in(sim.records(DOMAIN));
        assertEquals(FailoverEvent.FAILBACK, holder.kind(), "the newer epoch is not overwritten by the release: " + holder.toJson());
        assertEquals(2, holder.epochNumber());
    }

    private List<String> aRecords() {
        return sim.records(DOMAIN).stream().filter(r -> r.type().equals("A")).map(DnsRecord::target).distinct().toList();
    }

    /**
     * The loss budget: the standbys never received 3 of the old primary's observed transactions, so the controller
     * holds (state, 'held' in _shopdr-event, alert incident) until the operator runs shopdr failover --accept-loss.
     */
    @Test
    void aFailoverBeyondTheLossBudgetWaitsForTheOperatorsConsent() {
        when(databases.receipts(anyString(), any(), any(), any())).thenAnswer(i -> receipts(3));
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("us-east");
        FailoverController west = heldForTheLossBudget();
        assertTrue(west.stateReason().contains("3 transaction(s) the standbys never received"), west.stateReason());
        FailoverEvent held = FailoverEvent.in(sim.records(DOMAIN));
        assertEquals(FailoverEvent.HELD, held.phase(), held.toJson());
        assertEquals("us-east", held.from());

        assertEquals(0, shopdr("failover", "--accept-loss", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl())), lastOutput);
        assertTrue(lastOutput.contains("accepted the expected loss of failing over us-east (held by eu-west"), lastOutput);
        roundsUntil(Set.of("us-east"), 10, () -> west.failoversTotal() == 1, "eu-west promotes after the consent");
        Incident done = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER
                && i.outcome() == Incident.Outcome.COMPLETED).findFirst().orElseThrow();
        String consent = "; operator " + System.getProperty("user.name") + " accepted the loss at ";
        assertTrue(done.timeline().stream().anyMatch(t -> t.event().contains(consent)), consent + " in " + done.toJson());
    }

    /**
     * A standby whose receiver stopped reports no lag (Seconds_Behind_Master NULL) while the primary is still healthy;
     * commits then reach the primary alone. Its last lag (0 s) no longer bounds anything, so when the primary dies with
     * no transaction observed missing yet, the expected loss is unknown and the failover is held. On the old code the
     * kept 0 s passed as within the budget and the standby was promoted without a word about the loss.
     */
    @Test
    void aStandbyWhoseReceiverStoppedIsNotPromotedOnItsLastLag() {
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUp();
        when(databases.receipts(anyString(), any(), any(), any())).thenReturn(notReplicating());
        for (int i = 0; i < FailoverController.NOT_REPLICATING_READS; i++) round(Set.of());
        ingress.get("us-east").stop();
        FailoverController west = heldForTheLossBudget();
        assertTrue(west.stateReason().contains("replication lag unknown"), west.stateReason());
    }

    /**
     * One read without a lag is what a standby shows when the primary dies between a cycle's probe and its read (the
     * receiver reconnecting): the lag read just before still bounds the loss, and the failover goes ahead by itself.
     */
    @Test
    void oneReadWithoutALagAsThePrimaryDiesKeepsTheLastLag() {
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUp();
        when(databases.receipts(anyString(), any(), any(), any())).thenReturn(notReplicating());
        round(Set.of());
        when(databases.receipts(anyString(), any(), any(), any())).thenAnswer(i -> receipts(0));
        ingress.get("us-east").stop();
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 15, () -> west.failoversTotal() == 1, "eu-west fails over by itself");
        assertNull(west.holding());
    }

    /**
     * With us-east lost: eu-west holds its failover for the loss budget and, three rounds later, still promoted nothing.
     */
    private FailoverController heldForTheLossBudget() {
        FailoverController west = controllers.get("eu-west");
        Set<String> dead = Set.of("us-east");
        roundsUntil(dead, 15, () -> "loss-budget".equals(west.holding()), "eu-west holds for the loss budget");
        for (int i = 0; i < 3; i++) round(dead);
        verify(databases, never()).failover(anyString(), any());
        return west;
    }

    /** Both standbys as read while their replication does not run: Seconds_Behind_Master NULL. */
    private static Map<String, StandbyReceipt> notReplicating() {
        Map<String, StandbyReceipt> m = new LinkedHashMap<>();
        m.put("eu-west", new StandbyReceipt(null, "0-1-10", null, 0L));
        m.put("ap-south", new StandbyReceipt(null, "0-1-10", null, 0L));
        return m;
    }

    @Test
    void acceptLossWithNothingHeldIsRefused() {
        assertEquals(1, shopdr("failover", "--accept-loss", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl())));
        assertTrue(lastOutput.contains("no failover is being held"), lastOutput);
        assertEquals(2, shopdr("failover", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl())));
        assertTrue(lastOutput.contains("pass --accept-loss"), lastOutput);
    }

    /** A pause holds automatic failover stack-wide, shows in dns show and metrics, and resume lifts it. */
    @Test
    void aPauseHoldsFailoverUntilResumed() throws Exception {
        controllers(config(REGIONS, true).build(), client, Map.of());
        assertEquals(0, shopdr("pause", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl()), "--reason", "restore drill", "--until", "30m"),
                lastOutput);
        assertTrue(lastOutput.contains("automatic failover paused by operator") && lastOutput.contains("restore drill"), lastOutput);
        assertEquals(0, shopdr("dns", "--api-url", String.valueOf(sim.apiUrl()), "show", "--zone", DOMAIN), lastOutput);
        assertTrue(lastOutput.contains("automatic failover paused by") && lastOutput.contains(": restore drill"), lastOutput);
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        Set<String> dead = Set.of("us-east");
        roundsUntil(dead, 15, () -> "paused".equals(west.holding()), "eu-west holds for the pause");
        try (ControllerMetricsServer metrics = new ControllerMetricsServer(west, null,
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            Exposition scrape = Exposition.scrape(metrics.port());
            assertEquals(1.0, scrape.value("shopdr_failover_paused{observer=\"eu-west\"}"));
            assertEquals(1.0, scrape.value("shopdr_failover_held{observer=\"eu-west\",reason=\"paused\"}"));
            assertEquals(0.0, scrape.value("shopdr_failover_held{observer=\"eu-west\",reason=\"no-fence\"}"));
            assertEquals(0.0, scrape.value("shopdr_self_fenced{observer=\"eu-west\"}"));
        }
        verify(databases, never()).failover(anyString(), any());

        assertEquals(0, shopdr("resume", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl())), lastOutput);
        assertTrue(lastOutput.startsWith("automatic failover resumed"), lastOutput);
        roundsUntil(dead, 10, () -> west.failoversTotal() == 1, "eu-west fails over once resumed");
    }

    @Test
    void aPauseExpiresByItself() {
        controllers(config(REGIONS, true).build(), client, Map.of());
        FailoverPause.of("forgotten", clock.instant().plus(Duration.ofMinutes(1)), "operator", clock.instant()).publish(client, zone);
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        Set<String> dead = Set.of("us-east");
        roundsUntil(dead, 15, () -> "paused".equals(west.holding()), "eu-west holds for the pause");
        clock.advance(Duration.ofMinutes(1));
        roundsUntil(dead, 10, () -> west.failoversTotal() == 1, "the expired pause no longer holds");
    }

    @Test
    void badPauseInputNamesTheOption() {
        assertEquals(2, shopdr("pause", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl()), "--reason", "x", "--until", "200h"));
        assertTrue(lastOutput.contains("is more than 7 days ahead"), lastOutput);
        assertEquals(2, shopdr("pause", "--zone", DOMAIN, "--api-url", String.valueOf(sim.apiUrl()), "--reason", "x", "--until", "soon"));
        assertTrue(lastOutput.contains("Invalid value for option '--until': 'soon' is neither a duration"), lastOutput);
    }

    /** Defect 6: two regions and no witness — one vote would decide, so automatic failover is refused, with why. */
    @Test
    void twoRegionsWithoutAWitnessNeverFailOverAutomatically() {
        controllers(config(List.of("us-east", "eu-west"), false).build(), client, Map.of());
        roundsUntil(Set.of(), 10, () -> controllers.get("eu-west").verdict("us-east").up(), "us-east up");
        ingress.get("us-east").stop();
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 15, () -> "no-witness".equals(west.holding()), "eu-west refuses");
        for (int i = 0; i < 5; i++) round(Set.of("us-east"));
        verify(databases, never()).failover(anyString(), any());
        assertTrue(west.stateReason().contains("two regions and no witness"), west.stateReason());
    }

    /**
     * Self-fencing: the primary's controller loses the Linode API and every other region for selfFenceAfter, so it
     * makes its database read-only; when both come back and nothing moved, it lifts its own fence.
     */
    @Test
    void aPrimaryCutOffFromTheApiAndTheOtherRegionsFencesItselfAndRecovers() {
        when(databases.fence(eq("us-east"), any())).thenReturn(true);
        LinodeClient eastApi = spy(client);
        controllers(config(REGIONS, true).build(), client, Map.of("us-east", eastApi));
        allUpThenLose("eu-west");
        ingress.get("ap-south").stop();
        cutOff(eastApi, new LinodeApiException(0, "connect timed out"));
        FailoverController east = controllers.get("us-east");
        Set<String> partitioned = Set.of("eu-west", "ap-south", "witness");
        for (int i = 0; i < 3; i++) {
            round(partitioned);
            east.checkSelfFence();
        }
        assertTrue(east.selfFenced(), describe());
        verify(databases).fence(eq("us-east"), any());
        assertTrue(east.incidents().stream().anyMatch(i -> i.kind() == Incident.Kind.SELF_FENCE), "recorded");

        org.mockito.Mockito.reset(eastApi);
        ingress.values().forEach(i -> {
            try {
                i.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int i = 0; i < 3 && east.selfFenced(); i++) {
            round(Set.of());
            east.checkSelfFence();
        }
        assertFalse(east.selfFenced(), describe());
        verify(databases).lift("us-east");
    }

    // ---- a Linode API or JDBC call failing at each step of a failover (the fences are covered above)

    private static boolean eventRecord(DnsRecord r) {
        return r != null && FailoverEvent.RECORD_NAME.equals(r.name());
    }

    /** Step 1, the claim: a controller that cannot write the event record never promotes (it could not switch DNS). */
    @Test
    void aClaimThatCannotBeWrittenNeverPromotes() {
        when(databases.fence(anyString(), any())).thenReturn(true);
        LinodeClient api = spy(client);
        doThrow(new LinodeApiException(500, "Linode API: internal error")).when(api).create(any(), org.mockito.ArgumentMatchers.argThat(FailoverSafetyTest::eventRecord));
        controllers(config(REGIONS, true).build(), api, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 15, () -> west.stateReason().contains("cannot claim the failover"), "the claim fails");
        verify(databases, never()).fence(anyString(), any());
        verify(databases, never()).failover(anyString(), any());
        assertEquals(List.of(IPV4.get("us-east")), aRecords());
    }

    /** Step 3, the promotion (JDBC): it fails, the claim is released, and the next attempt succeeds. */
    @Test
    void aFailedPromotionReleasesTheClaimAndIsRetried() {
        when(databases.fence(anyString(), any())).thenReturn(true);
        when(databases.failover(eq("us-east"), any()))
                .thenThrow(new io.shopdr.agent.replication.ReplicationException(null, "promoting 127.0.0.1:3307 failed: Lost connection"))
                .thenReturn(new Promotion("eu-west", OptionalLong.of(0), "new primary eu-west"));
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        Set<String> dead = Set.of("us-east");
        roundsUntil(dead, 15, () -> west.incidents().stream().anyMatch(i -> i.outcome() == Incident.Outcome.FAILED), "first attempt fails");
        assertEquals("failed", FailoverEvent.in(sim.records(DOMAIN)).phase(), "the claim is released");
        assertEquals(List.of(IPV4.get("us-east")), aRecords(), "DNS untouched");
        roundsUntil(dead, 20, () -> west.failoversTotal() == 1, "the retry promotes");
        assertEquals(List.of(IPV4.get("eu-west")), aRecords());
        FailoverEvent done = FailoverEvent.in(sim.records(DOMAIN));
        assertEquals(FailoverEvent.DONE, done.phase());
        assertEquals(2, done.epochNumber(), "the retry claimed a new epoch: " + done.toJson());
    }

    /** Step 4, the DNS switch (Linode API): it fails after the promotion and is retried every cycle until it lands. */
    @Test
    void aFailedDnsSwitchAfterThePromotionIsRetriedUntilItLands() {
        when(databases.fence(anyString(), any())).thenReturn(true);
        LinodeClient api = spy(client);
        doThrow(new LinodeApiException(503, "Linode API: service unavailable")).doThrow(new LinodeApiException(503, "Linode API: service unavailable"))
                .doCallRealMethod().when(api).update(any(), org.mockito.ArgumentMatchers.argThat(r -> r != null && "A".equals(r.type())));
        controllers(config(REGIONS, true).build(), api, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 20, () -> west.state() == ControllerState.FAILED_OVER, "DNS lands");
        verify(databases, times(1)).failover(eq("us-east"), any());
        assertEquals(List.of(IPV4.get("eu-west")), aRecords());
        Incident done = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER).findFirst().orElseThrow();
        assertEquals(Incident.Outcome.COMPLETED, done.outcome(), done.toJson());
        assertTrue(done.timeline().stream().anyMatch(t -> t.event().contains("DNS switch to eu-west failed")), done.toJson());
    }

    // ---- controller-crash (issue 14): the acting controller's process dies between the promotion and the DNS switch

    /** The end of a controller's process, thrown by its Linode client at the crash point (not an API error). */
    private static final class ProcessDeath extends RuntimeException {
        ProcessDeath() {
            super("the controller's process died here");
        }
    }

    /**
     * eu-west's controller fails over the lost us-east with a client whose write matching {@code crashAt} ends its
     * process; the rounds go on until it died there, and it is never ticked again. Returns the config it ran with.
     */
    private ControllerConfig eastLostAndWestDiesAt(org.mockito.ArgumentMatcher<DnsRecord> crashAt) {
        when(databases.fence(anyString(), any())).thenReturn(true);
        LinodeClient dying = spy(client);
        doThrow(new ProcessDeath()).when(dying).update(any(), org.mockito.ArgumentMatchers.argThat(crashAt));
        ControllerConfig config = config(REGIONS, true).build();
        controllers(config, client, Map.of("eu-west", dying));
        allUpThenLose("us-east");
        for (int i = 0; i < 15; i++) {
            try {
                round(Set.of("us-east"));
            } catch (ProcessDeath e) {
                clock.advance(INTERVAL);
                verify(databases, times(1)).failover(eq("us-east"), any());
                assertEquals(List.of(IPV4.get("us-east")), aRecords(), "the process died before the DNS switch");
                return config;
            }
        }
        throw new AssertionError("eu-west never reached its crash point" + describe());
    }

    /** A fresh controller process for {@code region}: a new instance that remembers nothing of the one before. */
    private FailoverController restart(ControllerConfig config, String region) {
        FailoverController fresh = new FailoverController(config, region, client, client, databases, clock);
        controllers.put(region, fresh).close();
        return fresh;
    }

    private static Incident failover(FailoverController c) {
        return c.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER).reduce((a, b) -> b).orElseThrow();
    }

    /**
     * controller-crash: eu-west promoted itself, recorded the promotion and died at its first DNS write. Its restart,
     * knowing nothing, finishes the switch under a new epoch with the RPO the promotion recorded, and promotes nothing
     * again. On the old code the restart held for the loss budget (its observations of us-east died with the process)
     * and DNS stayed on the dead primary.
     */
    @Test
    void aControllerThatDiesAtTheDnsSwitchIsFinishedByItsRestartWithoutASecondPromotion() {
        ControllerConfig config = eastLostAndWestDiesAt(r -> r != null && "A".equals(r.type()));
        FailoverEvent recorded = FailoverEvent.in(sim.records(DOMAIN));
        assertTrue(recorded.promotedAwaitingDns(), "the promotion is in the zone before the switch: " + recorded.toJson());
        assertEquals("eu-west", recorded.to());
        assertEquals(0L, recorded.rpo().getAsLong(), recorded.toJson());
        assertEquals(1, recorded.epochNumber());

        FailoverController west = restartFinishesTheFailover(config);
        FailoverEvent done = FailoverEvent.in(sim.records(DOMAIN));
        assertEquals(FailoverEvent.DONE, done.phase(), done.toJson());
        assertEquals("eu-west", done.to());
        assertEquals(2, done.epochNumber(), "the restart claimed a new epoch: " + done.toJson());
        assertEquals(0L, done.rpo().getAsLong(), done.toJson());
        assertEquals(recorded.promotedInstant(), done.promotedInstant(), "the promotion keeps its time (and the hold-down)");
        Incident resumed = failover(west);
        assertEquals(Incident.Outcome.COMPLETED, resumed.outcome(), resumed.toJson());
        assertEquals(0L, resumed.lostTransactions().getAsLong());
        assertTrue(resumed.timeOf("resuming the failover eu-west claimed as epoch 1: it promoted eu-west").isPresent(), resumed.toJson());
        assertTrue(controllers.get("ap-south").incidents().stream().noneMatch(i -> i.kind() == Incident.Kind.FAILOVER));
    }

    /** Restarts eu-west's controller and waits until it finished the failover: DNS on eu-west, one promotion in all. */
    private FailoverController restartFinishesTheFailover(ControllerConfig config) {
        FailoverController west = restart(config, "eu-west");
        roundsUntil(Set.of("us-east"), 20, () -> west.state() == ControllerState.FAILED_OVER, "the restart finishes the failover");
        verify(databases, times(1)).failover(anyString(), any());
        assertEquals(List.of(IPV4.get("eu-west")), aRecords());
        return west;
    }

    /**
     * The process died right after the promotion, before recording it: the restart finds the one writable standby,
     * re-points the other standby at it (the death may have come before the promotion's own re-pointing), switches
     * DNS to it and says the RPO is unknown (what the dead process knew of it is gone).
     */
    @Test
    void aControllerThatDiesBeforeRecordingItsPromotionIsFinishedFromTheDatabases() {
        java.util.concurrent.atomic.AtomicBoolean promoted = new java.util.concurrent.atomic.AtomicBoolean();
        when(databases.failover(eq("us-east"), any())).thenAnswer(i -> {
            promoted.set(true);
            return new Promotion("eu-west", OptionalLong.of(0), "new primary eu-west");
        });
        when(databases.isPrimary(anyString(), any())).thenAnswer(i -> promoted.get() && "eu-west".equals(i.getArgument(0)));
        when(databases.repointStandbys("eu-west", "us-east", Duration.ofSeconds(2)))
                .thenReturn(List.of("ap-south: made read-only, replicating from eu-west"));
        ControllerConfig config = eastLostAndWestDiesAt(r -> eventRecord(r) && r.target().contains("\"to\":\"eu-west\""));
        assertFalse(FailoverEvent.in(sim.records(DOMAIN)).promotedAwaitingDns(), "nothing recorded the promotion");

        FailoverController west = restartFinishesTheFailover(config);
        FailoverEvent done = FailoverEvent.in(sim.records(DOMAIN));
        assertEquals(FailoverEvent.DONE, done.phase(), done.toJson());
        assertTrue(done.rpo().isEmpty(), "unknown, not 0: " + done.toJson());
        Incident resumed = failover(west);
        assertTrue(resumed.timeOf("its database is the one writable standby").isPresent(), resumed.toJson());
        assertTrue(resumed.lostTransactions().isEmpty(), resumed.toJson());
        // it may have died inside the promotion, before re-pointing ap-south: the restart makes sure it replicates
        verify(databases).repointStandbys(eq("eu-west"), eq("us-east"), any());
        assertTrue(resumed.timeOf("standby ap-south: made read-only, replicating from eu-west").isPresent(), resumed.toJson());
    }

    /**
     * The dead controller never comes back: once its claim is no longer valid, the next standby's controller finishes
     * the switch to the region already promoted instead of promoting itself (no second primary). On the old code it
     * ran a second promotion.
     */
    @Test
    void whenTheDeadControllerStaysDownTheNextStandbyFinishesItsSwitchWithoutPromotingItself() {
        eastLostAndWestDiesAt(r -> r != null && "A".equals(r.type()));
        FailoverController south = controllers.get("ap-south");
        roundsUntil(Set.of("us-east", "eu-west"), 30, () -> south.state() == ControllerState.FAILED_OVER,
                "ap-south finishes the failover");
        verify(databases, times(1)).failover(anyString(), any());
        assertEquals(List.of(IPV4.get("eu-west")), aRecords(), "DNS at the region eu-west promoted");
        FailoverEvent done = FailoverEvent.in(sim.records(DOMAIN));
        assertEquals("ap-south", done.by(), done.toJson());
        assertEquals("eu-west", done.to());
        assertEquals(2, done.epochNumber());
        assertTrue(failover(south).timeOf("resuming the failover eu-west claimed as epoch 1").isPresent(), failover(south).toJson());
    }

    /**
     * A slow zone read (an API answering slowly, or retrying) must not make another observer's fresh vote look
     * clock-skewed: votes are judged when the controller decides, not when its probes ended. eu-west loses sight of
     * us-east (whose own controller is down) while the witness still sees it up; each of eu-west's zone reads takes
     * longer than the skew bound and the witness votes meanwhile. On the old code eu-west ignored the witness's "up"
     * as future-dated and counted its own "down" as 1/1: the quorum declared a healthy primary down (only the loss
     * budget, the lag being unknown, held the failover).
     */
    @Test
    void aVoteWrittenDuringASlowZoneReadStillCounts() {
        List<String> two = REGIONS.subList(0, 2);
        LinodeClient westApi = spy(client);
        controllers.put("witness", new FailoverController(config(two, true).build(), "witness", client, null, null, clock));
        ControllerConfig westSees = config(two, true, Set.of("us-east")).build();
        FailoverController west = new FailoverController(westSees, "eu-west", westApi, westApi, databases, clock);
        controllers.put("eu-west", west);
        Duration slowRead = westSees.maxClockSkew().plusSeconds(1);
        doAnswer(read -> {
            clock.advance(slowRead);
            controllers.get("witness").tick();
            return read.callRealMethod();
        }).when(westApi).records(any());
        for (int i = 0; i < 8; i++) {
            west.tick();
            clock.advance(INTERVAL);
        }
        // eu-west suspects us-east (its own probes fail), but the quorum never declared it down: no failover, no hold
        assertEquals(ControllerState.PRIMARY_SUSPECT, west.state(), describe());
        assertTrue(west.incidents().isEmpty(), "no failover and no held failover: " + west.incidents() + describe());
        verify(databases, never()).failover(any(), any());
    }

    /** Every zone read and write of {@code api} fails with {@code e}. */
    private static void cutOff(LinodeClient api, LinodeApiException e) {
        doThrow(e).when(api).records(any());
        doThrow(e).when(api).update(any(), any());
        doThrow(e).when(api).create(any(), any());
    }

    /**
     * The probe cycle reads the lag of the standbys that answered their probe only: a cut-off standby's database would
     * cost a read timeout (1 s at production's policy) every cycle, slowing this controller's own detection of it — and
     * with it a semi-sync primary's release of its waiting commits.
     */
    @Test
    void theProbeCycleReadsTheLagOfTheAnsweringStandbysOnly() {
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("eu-west");
        org.mockito.Mockito.clearInvocations(databases);
        for (int i = 0; i < 3; i++) round(Set.of("eu-west"));
        verify(databases, atLeastOnce()).receipts(eq("us-east"), eq(List.of("ap-south")), eq(java.util.Optional.empty()), any());
        verify(databases, never()).receipts(eq("us-east"), org.mockito.ArgumentMatchers.argThat(
                c -> c != null && c.contains("eu-west") && c.size() < REGIONS.size()), any(), any());
    }

    /** The semi-sync state of each region's database as the mocked servers hold it (on, released). */
    private final Map<String, SemiSyncDurability> semiSync = new java.util.concurrent.ConcurrentHashMap<>();
    /** The standby regions the mocked us-east finds attached and caught up (restoreSemiSync's evidence). */
    private final Set<String> attached = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Every database runs semi-sync with two acknowledging standbys; release and restore act as on a real server. */
    private void semiSyncDatabases() {
        REGIONS.forEach(r -> semiSync.put(r, new SemiSyncDurability(true, true, true, 2)));
        when(databases.durability(anyString(), any())).thenAnswer(i -> semiSync.get(i.<String>getArgument(0)));
        when(databases.releaseSemiSync(anyString(), any())).thenAnswer(i -> {
            semiSync.put(i.getArgument(0), SemiSyncDurability.RELEASED);
            return 2;
        });
        when(databases.restoreSemiSync(anyString(), any())).thenAnswer(i -> {
            String p = i.getArgument(0);
            if (!semiSync.get(p).released() || attached.isEmpty()) return List.of();
            semiSync.put(p, new SemiSyncDurability(true, true, true, attached.size()));
            return List.copyOf(attached);
        });
    }

    private static long count(FailoverController c, Incident.Kind kind) {
        return c.incidents().stream().filter(i -> i.kind() == kind).count();
    }

    /**
     * Semi-sync availability on the quorum's evidence: every standby region is lost (its packets dropped, so its
     * replication session hangs instead of closing, and wait_no_slave=ON keeps commits waiting); once the quorum
     * declares them all down and nobody doubts the primary, the primary's controller releases semi-sync, once, and
     * records that durability is degraded (incident, metric). While one standby is still up nothing is released.
     * When a standby is attached and caught up again, semi-sync is restored. On the old code nothing restored it.
     */
    @Test
    void aPrimaryWhoseStandbysTheQuorumDeclaredDownReleasesSemiSyncOnceAndRestoresItWhenOneIsBack() throws Exception {
        semiSyncDatabases();
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("eu-west");
        FailoverController east = controllers.get("us-east");
        for (int i = 0; i < 8; i++) round(Set.of("eu-west"));
        verify(databases, never()).releaseSemiSync(anyString(), any());
        assertFalse(east.lastDurability().degraded(), east.lastDurability().describe());

        ingress.get("ap-south").stop();
        Set<String> lost = Set.of("eu-west", "ap-south");
        roundsUntil(lost, 15, () -> count(east, Incident.Kind.DURABILITY_DEGRADED) == 1, "us-east releases semi-sync");
        for (int i = 0; i < 5; i++) round(lost);
        verify(databases, times(1)).releaseSemiSync(eq("us-east"), any());
        verify(databases, never()).failover(anyString(), any());
        assertTrue(east.lastDurability().degraded() && east.lastDurability().released(), east.lastDurability().describe());
        try (ControllerMetricsServer metrics = new ControllerMetricsServer(east, null,
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            assertEquals(1.0, Exposition.scrape(metrics.port()).value("shopdr_durability_degraded{observer=\"us-east\",region=\"us-east\"}"));
        }
        assertEquals(0, count(east, Incident.Kind.DURABILITY_RESTORED), "no standby is back: nothing to restore");

        ingress.get("ap-south").start();
        attached.add("ap-south");
        roundsUntil(Set.of("eu-west"), 5, () -> count(east, Incident.Kind.DURABILITY_RESTORED) == 1, "us-east restores semi-sync");
        assertFalse(east.lastDurability().degraded(), east.lastDurability().describe());
        Incident restored = east.incidents().stream().filter(i -> i.kind() == Incident.Kind.DURABILITY_RESTORED).findFirst().orElseThrow();
        assertTrue(restored.timeline().get(0).event().contains("ap-south attached, caught up"), restored.toJson());
        for (int i = 0; i < 3; i++) round(Set.of("eu-west"));
        verify(databases, times(1)).releaseSemiSync(eq("us-east"), any());
    }

    /**
     * The released state lives on the database: a controller restarted while its primary is released (it remembers
     * nothing) reads it from the server and restores semi-sync once a standby is attached. A restore whose standby did
     * not attach (the engine switched semi-sync off again and threw) is not retried every cycle: each attempt makes
     * commits wait.
     */
    @Test
    void aRestartedControllerRestoresTheSemiSyncItsPredecessorReleasedAndBacksOffAFailedAttempt() {
        semiSyncDatabases();
        semiSync.put("us-east", SemiSyncDurability.RELEASED);
        ControllerConfig config = config(REGIONS, true).build();
        controllers(config, client, Map.of());
        when(databases.restoreSemiSync(eq("us-east"), any()))
                .thenThrow(new io.shopdr.agent.replication.ReplicationException(null, "no replica attached as a semi-sync replica"));
        roundsUntil(Set.of(), 10, () -> controllers.get("us-east").verdict("eu-west").up(), "every region up");
        for (int i = 0; i < 5; i++) round(Set.of());
        verify(databases, times(1)).restoreSemiSync(eq("us-east"), any());
        assertTrue(controllers.get("us-east").lastDurability().released(), "still released after the failed attempt");

        when(databases.restoreSemiSync(eq("us-east"), any())).thenReturn(List.of("eu-west"));
        FailoverController fresh = new FailoverController(config, "us-east", client, client, databases, clock);
        controllers.put("us-east", fresh).close();
        roundsUntil(Set.of(), 5, () -> count(fresh, Incident.Kind.DURABILITY_RESTORED) == 1, "the restart restores semi-sync");
        verify(databases, never()).releaseSemiSync(anyString(), any());
    }

    /**
     * The other half of semi-sync fencing: a primary cut off from the Linode API and the other regions reads no votes,
     * so it never releases semi-sync — its commits keep waiting until its self-fence ends them.
     */
    @Test
    void aPartitionedPrimaryNeverReleasesSemiSync() {
        semiSyncDatabases();
        when(databases.fence(eq("us-east"), any())).thenReturn(true);
        LinodeClient eastApi = spy(client);
        controllers(config(REGIONS, true).build(), client, Map.of("us-east", eastApi));
        allUpThenLose("eu-west");
        ingress.get("ap-south").stop();
        cutOff(eastApi, new LinodeApiException(0, "connect timed out"));
        FailoverController east = controllers.get("us-east");
        for (int i = 0; i < 8; i++) {
            round(Set.of("eu-west", "ap-south", "witness"));
            east.checkSelfFence();
        }
        verify(databases, never()).releaseSemiSync(anyString(), any());
        assertTrue(east.selfFenced(), describe());
    }

    /**
     * The zombie (issue 14, pause): the old primary's database does not answer the failover's SQL fence (frozen), so
     * the promotion goes ahead on the firewall fence; the new primary's controller then asks the replaced primary every
     * probe interval and fences it once it answers writable — once — and records it. On the old code nothing retried:
     * the woken zombie stayed writable behind a stateful firewall.
     */
    @Test
    void theNewPrimarysControllerFencesTheReplacedPrimaryOnceItAnswersWritable() {
        when(databases.isPrimary(eq("us-east"), any())).thenThrow(new io.shopdr.agent.replication.ReplicationException(null,
                "cannot reach server 10.0.0.1:3306: read timed out"));
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 20, () -> west.state() == ControllerState.FAILED_OVER, "eu-west fails over");
        verify(databases, times(1)).fence(eq("us-east"), any()); // the failover's own SQL fence: no answer
        for (int i = 0; i < 3; i++) {
            west.checkReplacedPrimaryFence();
            round(Set.of("us-east"));
        }
        verify(databases, times(3)).isPrimary(eq("us-east"), any());
        verify(databases, times(1)).fence(eq("us-east"), any());

        org.mockito.Mockito.doReturn(true).when(databases).isPrimary(eq("us-east"), any()); // the zombie wakes up, writable
        when(databases.fence(eq("us-east"), any())).thenReturn(true);
        for (int i = 0; i < 3; i++) {
            west.checkReplacedPrimaryFence();
            round(Set.of("us-east"));
        }
        verify(databases, times(2)).fence(eq("us-east"), any());
        assertEquals(1, count(west, Incident.Kind.REPLACED_PRIMARY_FENCE));
        Incident fenced = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.REPLACED_PRIMARY_FENCE).findFirst().orElseThrow();
        assertTrue(fenced.timeline().get(0).event().contains("fenced us-east's database"), fenced.toJson());
        controllers.get("ap-south").checkReplacedPrimaryFence();
        verify(databases, times(2)).fence(eq("us-east"), any()); // only the new primary's controller fences
    }

    /**
     * A failback starts while the replaced primary's fence is still pending (the probe cycle read the failover's record
     * seconds earlier) and its switchover makes that database writable: the fence reads the zone again before acting
     * and leaves the failback's new primary alone.
     */
    @Test
    void aPendingFenceNeverActsAgainstAFailback() {
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 20, () -> west.state() == ControllerState.FAILED_OVER, "eu-west fails over");
        FailoverEvent done = FailoverEvent.in(sim.records(DOMAIN));
        FailoverEvent failback = FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.STARTED, "eu-west", "us-east",
                clock.instant(), "operator").withEpoch(done.epochNumber() + 1);
        client.update(zone, FailoverEvent.recordIn(client.records(zone)).withTarget(failback.toJson()));
        when(databases.isPrimary(eq("us-east"), any())).thenReturn(true); // the failback's switchover promoted it
        west.checkReplacedPrimaryFence();
        verify(databases, times(1)).fence(eq("us-east"), any()); // the failover's own, nothing since

    }

    /** When the failover's own SQL fence took, the replaced primary is never asked or fenced again. */
    @Test
    void aFenceThatTookWithTheFailoverIsNotRetried() {
        when(databases.fence(eq("us-east"), any())).thenReturn(true);
        controllers(config(REGIONS, true).build(), client, Map.of());
        allUpThenLose("us-east");
        FailoverController west = controllers.get("eu-west");
        roundsUntil(Set.of("us-east"), 20, () -> west.state() == ControllerState.FAILED_OVER, "eu-west fails over");
        for (int i = 0; i < 3; i++) {
            west.checkReplacedPrimaryFence();
            round(Set.of("us-east"));
        }
        verify(databases, times(1)).fence(eq("us-east"), any());
        verify(databases, never()).isPrimary(eq("us-east"), any());
    }

    /** patroni#2379: losing only the Linode API (every region in sight) never fences a healthy primary. */
    @Test
    void losingOnlyTheApiNeverFencesThePrimary() {
        LinodeClient eastApi = spy(client);
        controllers(config(REGIONS, true).build(), client, Map.of("us-east", eastApi));
        roundsUntil(Set.of(), 10, () -> controllers.get("us-east").verdict("eu-west").up(), "all up");
        cutOff(eastApi, new LinodeApiException(503, "Linode API: service unavailable"));
        FailoverController east = controllers.get("us-east");
        for (int i = 0; i < 10; i++) {
            round(Set.of());
            east.checkSelfFence();
        }
        assertFalse(east.selfFenced());
        verify(databases, never()).fence(anyString(), any());
        verify(databases, never()).failover(anyString(), any());
        assertNotNull(east.lastError());
        verify(eastApi, atLeastOnce()).records(any());
    }
}
