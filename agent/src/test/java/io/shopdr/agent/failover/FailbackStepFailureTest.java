package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.shopdr.agent.health.ShiftableClock;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.agent.replication.ReplicationException;
import io.shopdr.agent.replication.SwitchoverStep;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/**
 * Issue 14 defect 4 and the failback-fault nemesis: a failback failing at each of its steps — reading the zone, the
 * epoch mark, reading the target's fence, the database switchover (before writes stop, after they stopped, after the
 * promotion), lifting the fence, switching DNS, the done-mark — or its process dying between two of them, leaves a
 * state where DNS names the one writable database and that database is not fenced; and re-running the same command
 * converges (the target writable, DNS on it, the old primary replicating from it, the fence lifted, the failback
 * marked done). The zone and firewalls live in the Linode API simulator; the failing collaborators are Mockito
 * doubles: a spy on the real Linode client, and a mock of the databases driving a small model of the two servers
 * (which is writable, which replicates from which).
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class FailbackStepFailureTest {
    private static final String TOKEN = "failback-token";
    private static final String EAST = "us-east";
    private static final String WEST = "eu-west";
    private static final String EAST_IP = "198.51.100.1";
    private static final String WEST_IP = "198.51.100.2";
    private static final LinodeApiException UNAVAILABLE = new LinodeApiException(503, "Linode API: service unavailable");

    @Mock
    RegionDatabases databases;

    private LinodeApiSimulator sim;
    private LinodeClient linode;
    private ControllerConfig config;
    private long eastFirewall;
    /** The model of the two databases: the writable ones, each replica's source, the ones the runner cannot reach. */
    private final Set<String> writable = new HashSet<>(Set.of(WEST));
    private final Map<String, String> source = new HashMap<>(Map.of(EAST, WEST));
    private final Set<String> unreachable = new HashSet<>();
    /** Regions whose ingress does not answer healthy (the fence lift not in force yet, say). */
    private final Set<String> unhealthy = new HashSet<>();
    private final ShiftableClock clock = ShiftableClock.fixedAt(Instant.parse("2026-12-01T12:00:00Z"));

    @BeforeEach
    void world() {
        sim = LinodeApiSimulator.start().addToken(TOKEN, LinodeApiSimulator.ALL_SCOPES);
        DnsZone zone = sim.addZone("shop.example.com");
        for (String name : List.of("", "www")) sim.addRecord(zone, DnsRecord.of("A", name, WEST_IP, 30)); // failed over
        LinodeClient real = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN).retryPolicy(RetryPolicy.none()).build();
        FirewallRules rules = new FirewallRules("DROP", List.of(new FirewallRule("mysql", "ACCEPT", "TCP", "3306",
                List.of("192.0.2.0/24"), List.of())), "ACCEPT", List.of());
        eastFirewall = real.createFirewall("db-us-east", rules).id();
        long westFirewall = real.createFirewall("db-eu-west", rules).id();
        new FirewallFence(real).apply(eastFirewall, 3306, EAST); // the old primary was fenced by the failover
        linode = spy(real);
        config = ControllerConfig.builder().domain("shop.example.com").witness("witness")
                .region(new RegionConfig(EAST, EAST_IP, null, null, "10.0.0.1:3306", eastFirewall))
                .region(new RegionConfig(WEST, WEST_IP, null, null, "10.0.0.2:3306", westFirewall))
                .build();
        when(databases.isPrimary(anyString(), any())).thenAnswer(i -> {
            String region = reach(i.getArgument(0));
            return writable.contains(region) && !source.containsKey(region);
        });
        doAnswer(this::switchover).when(databases).switchover(anyString(), anyString(), any(), any());
        doAnswer(i -> {
            String primary = reach(i.getArgument(0));
            String node = reach(i.getArgument(1));
            writable.remove(node);
            source.put(node, primary);
            return null;
        }).when(databases).rejoin(anyString(), anyString(), any());
        doAnswer(i -> writable.add(reach(i.getArgument(0)))).when(databases).lift(anyString());
    }

    @AfterEach
    void close() {
        sim.close();
    }

    /** The model's switchover: writes stop on {@code from}, {@code to} is promoted, {@code from} replicates from it. */
    private Object switchover(InvocationOnMock i) {
        String from = reach(i.getArgument(0));
        String to = reach(i.getArgument(1));
        Consumer<SwitchoverStep> progress = i.getArgument(3);
        writable.remove(from);
        progress.accept(SwitchoverStep.CAUGHT_UP);
        promote(to);
        progress.accept(SwitchoverStep.PROMOTED);
        source.put(from, to);
        return null;
    }

    private void promote(String region) {
        source.remove(region);
        writable.add(region);
    }

    private String reach(String region) {
        if (unreachable.contains(region)) throw new ReplicationException(null, "cannot reach " + region + " (link cut)");
        return region;
    }

    private Incident failback() {
        return new Failback(config, linode, linode, databases, clock, "test", new IncidentLog("test", clock, null),
                region -> !unhealthy.contains(region))
                .run(EAST, Duration.ofSeconds(30));
    }

    private List<String> dnsTargets() {
        return sim.records("shop.example.com").stream().filter(r -> r.type().equals("A")).map(DnsRecord::target).distinct().toList();
    }

    private boolean eastFenced() {
        return FirewallFence.isFenced(sim.firewallRules(eastFirewall).orElseThrow(), 3306);
    }

    private FailoverEvent event() {
        return FailoverEvent.in(sim.records("shop.example.com"));
    }

    private static String timeline(Incident i) {
        return i.timeline().stream().map(TimelineEntry::event).toList().toString();
    }

    /** The shop as a failed run must leave it: DNS on the one writable database, which is not fenced. */
    private void assertServing(String primary, Incident i) {
        assertEquals(Set.of(primary), writable, "one writable database: " + timeline(i));
        assertEquals(List.of(primary.equals(EAST) ? EAST_IP : WEST_IP), dnsTargets(), "DNS names it: " + timeline(i));
        if (primary.equals(EAST)) assertFalse(eastFenced(), "the primary is not fenced: " + timeline(i));
    }

    /** Nothing changed: eu-west still the primary with DNS on it, us-east its fenced replica. */
    private void assertUnchanged(Incident i) {
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertServing(WEST, i);
        assertEquals(WEST, source.get(EAST), timeline(i));
        assertTrue(eastFenced(), "the target stays fenced until it is the primary: " + timeline(i));
    }

    /** The operator's re-run of the same command finishes the failback, whatever the failed run left. */
    private void assertRerunConverges() {
        unreachable.clear();
        Incident again = failback();
        assertEquals(Incident.Outcome.COMPLETED, again.outcome(), timeline(again));
        assertServing(EAST, again);
        assertEquals(EAST, source.get(WEST), "the old primary replicates from the new one: " + timeline(again));
        assertEquals(FailoverEvent.DONE, event().phase(), "the controllers no longer hold off: " + timeline(again));
    }

    /**
     * DNS moves to the target only once its ingress answers healthy (the fence lift is applied asynchronously): on the
     * old code DNS named it while its store could not reach its database yet, and a controller without a hold-down
     * failed it over again (NemesisTwinTest: 110 acknowledged orders lost after the failback).
     */
    @Test
    void dnsMovesOnlyOnceTheTargetAnswersHealthy() {
        List<List<String>> dnsWhileAsked = new ArrayList<>();
        Incident i = new Failback(config, linode, linode, databases, clock, "test", new IncidentLog("test", clock, null),
                region -> {
                    dnsWhileAsked.add(dnsTargets());
                    return dnsWhileAsked.size() >= 3; // healthy from the third probe on
                }).run(EAST, Duration.ofSeconds(30));
        assertEquals(Incident.Outcome.COMPLETED, i.outcome(), timeline(i));
        assertEquals(List.of(List.of(WEST_IP), List.of(WEST_IP), List.of(WEST_IP)), dnsWhileAsked, "DNS waited: " + timeline(i));
        assertServing(EAST, i);
        assertTrue(timeline(i).contains("us-east's ingress answers healthy"), timeline(i));
    }

    /** A target whose ingress never answers healthy is not given the shop: the failback is undone, eu-west serves. */
    @Test
    void aTargetThatNeverAnswersHealthyIsNotGivenTheShop() {
        unhealthy.add(EAST);
        Incident i = new Failback(config, linode, linode, databases, clock, "test", new IncidentLog("test", clock, null),
                region -> !unhealthy.contains(region)).run(EAST, Duration.ofSeconds(1));
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertServing(WEST, i);
        assertTrue(timeline(i).contains("did not answer healthy"), timeline(i));
        unhealthy.clear();
        assertRerunConverges();
    }

    /** Fails on the old code: a zone that could not be read threw out of the failback instead of reporting it. */
    @Test
    void aZoneThatCannotBeReadChangesNothing() {
        doThrow(UNAVAILABLE).doCallRealMethod().when(linode).zone(anyString());
        Incident i = failback();
        assertUnchanged(i);
        assertNull(event(), "not even the mark was written");
        verify(databases, never()).switchover(anyString(), anyString(), any(), any());
        assertRerunConverges();
    }

    /** Fails on the old code: the failback went on without its epoch mark (the controllers did not hold off). */
    @Test
    void anEpochMarkThatCannotBeWrittenStopsTheFailbackBeforeAnything() {
        doThrow(UNAVAILABLE).doCallRealMethod().when(linode)
                .create(any(), argThat(r -> r != null && FailoverEvent.RECORD_NAME.equals(r.name())));
        Incident i = failback();
        assertUnchanged(i);
        verify(databases, never()).switchover(anyString(), anyString(), any(), any());
        assertRerunConverges();
    }

    /** Fails on the old code: the failure escaped after the mark, which stayed 'started' and held every controller. */
    @Test
    void aFenceThatCannotBeReadStopsTheFailbackAndMarksItFailed() {
        doThrow(UNAVAILABLE).doCallRealMethod().when(linode).rules(eastFirewall);
        Incident i = failback();
        assertUnchanged(i);
        assertEquals(FailoverEvent.FAILED, event().phase(), timeline(i));
        assertRerunConverges();
    }

    /** Before the old primary stopped taking writes (the link to the target cut as the switchover began). */
    @Test
    void aSwitchoverFailingBeforeWritesStopChangesNothing() {
        doThrow(new ReplicationException(null, "cannot reach candidate us-east (link cut)")).doAnswer(this::switchover)
                .when(databases).switchover(eq(WEST), eq(EAST), any(), any());
        Incident i = failback();
        assertUnchanged(i);
        verify(databases, never()).switchover(eq(EAST), eq(WEST), any(), any());
        assertTrue(timeline(i).contains("nothing changed"), timeline(i));
        assertRerunConverges();
    }

    /** Fails on the old code: eu-west had stopped taking writes and stayed read-only with DNS on it. */
    @Test
    void aSwitchoverFailingAfterWritesStoppedResumesThemOnTheSource() {
        doAnswer(i -> {
            writable.remove(WEST);
            i.<Consumer<SwitchoverStep>>getArgument(3).accept(SwitchoverStep.CAUGHT_UP);
            throw new ReplicationException(null, "promoting the candidate failed");
        }).doAnswer(this::switchover).when(databases).switchover(eq(WEST), eq(EAST), any(), any());
        Incident i = failback();
        verify(databases).lift(WEST);
        assertUnchanged(i);
        assertRerunConverges();
    }

    /** Whether the target was promoted cannot be read: neither database is made writable, so two never are. */
    @Test
    void aSwitchoverFailingAfterWritesStoppedWithTheTargetUnreadableMakesNothingWritable() {
        doAnswer(i -> {
            writable.remove(WEST);
            i.<Consumer<SwitchoverStep>>getArgument(3).accept(SwitchoverStep.CAUGHT_UP);
            unreachable.add(EAST);
            throw new ReplicationException(null, "the link to us-east was cut");
        }).doAnswer(this::switchover).when(databases).switchover(eq(WEST), eq(EAST), any(), any());
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertEquals(Set.of(), writable, timeline(i));
        verify(databases, never()).lift(anyString());
        assertEquals(List.of(WEST_IP), dnsTargets());
        assertTrue(eastFenced(), timeline(i));
        assertRerunConverges();
    }

    /** The switchover promoted the target, then failed re-pointing: it is switched back before anything else moves. */
    @Test
    void aSwitchoverThatPromotedAndThenFailedIsSwitchedBack() {
        doAnswer(i -> {
            writable.remove(WEST);
            promote(EAST);
            i.<Consumer<SwitchoverStep>>getArgument(3).accept(SwitchoverStep.PROMOTED);
            throw new ReplicationException(null, "pointing eu-west at us-east failed");
        }).doAnswer(this::switchover).when(databases).switchover(anyString(), anyString(), any(), any());
        Incident i = failback();
        verify(databases).switchover(eq(EAST), eq(WEST), any(), any());
        assertUnchanged(i);
        assertRerunConverges();
    }

    /**
     * Fails on the old code: the promoted target could not be re-read, so the failback believed nothing had changed
     * and left DNS on eu-west, which no longer took writes. Now the target stays the primary, unfenced, with DNS on it.
     */
    @Test
    void aSwitchoverThatPromotedAndThenLostTheTargetPointsDnsAtTheTarget() {
        doAnswer(i -> {
            writable.remove(WEST);
            promote(EAST);
            i.<Consumer<SwitchoverStep>>getArgument(3).accept(SwitchoverStep.PROMOTED);
            unreachable.add(EAST);
            unreachable.add(WEST);
            throw new ReplicationException(null, "the runner's links to both databases were cut");
        }).doAnswer(this::switchover).when(databases).switchover(anyString(), anyString(), any(), any());
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertServing(EAST, i);
        assertRerunConverges();
    }

    /** Fails on the old code: when the switch back failed, DNS was pointed at us-east while its fence stayed on. */
    @Test
    void aFailedSwitchBackLeavesTheTargetPrimaryUnfencedWithDnsOnIt() {
        doAnswer(i -> {
            writable.remove(WEST);
            promote(EAST);
            i.<Consumer<SwitchoverStep>>getArgument(3).accept(SwitchoverStep.PROMOTED);
            throw new ReplicationException(null, "pointing eu-west at us-east failed");
        }).doThrow(new ReplicationException(null, "eu-west did not catch up")).doAnswer(this::switchover)
                .when(databases).switchover(anyString(), anyString(), any(), any());
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertServing(EAST, i);
        assertRerunConverges();
    }

    /**
     * Fails on the old code: after the process died between the promotion and re-pointing, the re-run took the
     * switchover as done and finished without making eu-west a replica again.
     */
    @Test
    void aRerunAfterTheRunnerDiedAfterThePromotionRepointsTheOldPrimary() {
        writable.remove(WEST);
        promote(EAST);
        startedMark();
        assertRerunConverges();
        verify(databases, never()).switchover(anyString(), anyString(), any(), any());
    }

    /** With a third region, the re-run after that death re-points it too (the dead run re-pointed nothing). */
    @Test
    void aRerunAfterTheRunnerDiedAfterThePromotionRepointsEveryOtherRegion() {
        config = ControllerConfig.builder().domain("shop.example.com").witness("witness")
                .region(config.region(EAST)).region(config.region(WEST))
                .region(new RegionConfig("ap-south", "198.51.100.3", null, null, "10.0.0.3:3306", 0))
                .build();
        source.put("ap-south", WEST);
        writable.remove(WEST);
        promote(EAST);
        startedMark();
        assertRerunConverges();
        assertEquals(EAST, source.get("ap-south"), "ap-south replicates from the new primary");
    }

    /** The runner died at its DNS switch: databases switched and the fence lifted, DNS on the read-only eu-west. */
    @Test
    void aRerunAfterTheRunnerDiedAtTheDnsSwitchFinishesIt() {
        writable.remove(WEST);
        promote(EAST);
        source.put(WEST, EAST);
        new FirewallFence(linode).lift(eastFirewall);
        startedMark();
        assertRerunConverges();
        verify(databases, never()).switchover(anyString(), anyString(), any(), any());
    }

    private void startedMark() {
        ControlRecord.put(linode, linode.zone("shop.example.com"), FailoverEvent.RECORD_NAME,
                FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.STARTED, WEST, EAST, clock.instant(), "test")
                        .withEpoch(1).toJson());
    }

    @Test
    void aFailedFenceLiftSwitchesTheDatabasesBack() {
        doThrow(UNAVAILABLE).doCallRealMethod().when(linode).replaceRules(eq(eastFirewall), any());
        Incident i = failback();
        verify(databases).switchover(eq(EAST), eq(WEST), any(), any());
        assertUnchanged(i);
        assertRerunConverges();
    }

    /**
     * Fails on the old code: the fence was gone and the databases had switched while DNS stayed on the now read-only
     * eu-west. Now everything is restored, and re-running the same command converges.
     */
    @Test
    void aFailedDnsSwitchRestoresEverythingAndARerunConverges() {
        doThrow(UNAVAILABLE).doCallRealMethod().when(linode).update(any(), argThat(r -> r != null && "A".equals(r.type())));
        Incident first = failback();
        verify(databases).switchover(eq(EAST), eq(WEST), any(), any());
        assertUnchanged(first);
        assertRerunConverges();
        assertTrue(event().epochNumber() >= 2, "each run raised the epoch: " + event().toJson());
    }

    /**
     * Fails on the old code: a done-mark that could not be written was reported as completed, the mark stayed
     * 'started' (every controller holding off automatic failover), and a re-run refused with "nothing to do".
     */
    @Test
    void aDoneMarkThatCannotBeWrittenIsAFailureThatARerunFinishes() {
        doThrow(UNAVAILABLE).doCallRealMethod().when(linode).update(any(), argThat(r -> r != null
                && FailoverEvent.RECORD_NAME.equals(r.name()) && r.target().contains("\"" + FailoverEvent.DONE + "\"")));
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertServing(EAST, i);
        assertEquals(FailoverEvent.STARTED, event().phase(), timeline(i));
        assertRerunConverges();
    }

    /** A run that switched the databases and DNS but whose fence lift was lost is finished by the re-run. */
    @Test
    void aRerunAfterTheSwitchFinishesWhatIsLeft() {
        writable.remove(WEST);
        promote(EAST);
        source.put(WEST, EAST);
        for (DnsRecord r : sim.records("shop.example.com")) {
            if (r.type().equals("A")) linode.update(linode.zone("shop.example.com"), r.withTarget(EAST_IP));
        }
        Incident i = failback();
        assertEquals(Incident.Outcome.COMPLETED, i.outcome(), timeline(i));
        assertFalse(eastFenced(), timeline(i));
        verify(databases, never()).switchover(anyString(), anyString(), any(), any());
    }
}
