package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.agent.health.ShiftableClock;
import io.shopdr.agent.replication.ReplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/**
 * Issue 14 defect 4: a failback failing at each of its steps — the database switchover (a JDBC call), lifting the
 * target's firewall fence and switching DNS (Linode API calls) — leaves the previous state (DNS on the writable
 * database, the fence in place), and re-running the same command converges. The shop's zone and firewalls live in
 * the Linode API simulator; the failing collaborators are Mockito doubles (a spy on the real client, a mock of the
 * databases whose primary moves with each switchover).
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class FailbackStepFailureTest {
    private static final String TOKEN = "failback-token";
    private static final String EAST_IP = "198.51.100.1";
    private static final String WEST_IP = "198.51.100.2";

    @Mock
    RegionDatabases databases;

    private LinodeApiSimulator sim;
    private LinodeClient linode;
    private ControllerConfig config;
    private long eastFirewall;
    private final AtomicReference<String> dbPrimary = new AtomicReference<>("eu-west");
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
        new FirewallFence(real).apply(eastFirewall, 3306, "us-east"); // the old primary was fenced by the failover
        linode = spy(real);
        config = ControllerConfig.builder().domain("shop.example.com").witness("witness")
                .region(new RegionConfig("us-east", EAST_IP, null, null, "10.0.0.1:3306", eastFirewall))
                .region(new RegionConfig("eu-west", WEST_IP, null, null, "10.0.0.2:3306", westFirewall))
                .build();
        when(databases.isPrimary(anyString(), any())).thenAnswer(i -> i.getArgument(0).equals(dbPrimary.get()));
        doAnswer(i -> {
            dbPrimary.set(i.getArgument(1));
            return null;
        }).when(databases).switchover(anyString(), anyString(), any());
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private Incident failback() {
        return new Failback(config, linode, linode, databases, clock, "test", new IncidentLog("test", clock, null))
                .run("us-east", Duration.ofSeconds(30));
    }

    private List<String> a() {
        return sim.records("shop.example.com").stream().filter(r -> r.type().equals("A")).map(DnsRecord::target).distinct().toList();
    }

    private boolean eastFenced() {
        return FirewallFence.isFenced(sim.firewallRules(eastFirewall).orElseThrow(), 3306);
    }

    private static String timeline(Incident i) {
        return i.timeline().stream().map(TimelineEntry::event).toList().toString();
    }

    /** Fails on the old code: the fence was lifted before the switchover, and never put back. */
    @Test
    void aFailedSwitchoverLeavesTheFenceAndDnsAsTheyWere() {
        doThrow(new ReplicationException(null, "candidate us-east did not catch up within 30 s"))
                .when(databases).switchover(eq("eu-west"), eq("us-east"), any());
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        assertEquals(List.of(WEST_IP), a());
        assertTrue(eastFenced(), "the target's fence stays until it is the primary: " + timeline(i));
        assertEquals("eu-west", dbPrimary.get());
        verify(databases, never()).switchover(eq("us-east"), eq("eu-west"), any());
        assertTrue(timeline(i).contains("DNS still points at eu-west"), timeline(i));
    }

    /** The switchover promoted the target, then failed re-pointing: it is switched back before anything else moves. */
    @Test
    void aSwitchoverThatPromotedAndThenFailedIsSwitchedBack() {
        doAnswer(i -> {
            dbPrimary.set("us-east");
            throw new ReplicationException(null, "pointing the server at us-east failed");
        }).doAnswer(i -> {
            dbPrimary.set(i.getArgument(1));
            return null;
        }).when(databases).switchover(anyString(), anyString(), any());
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        verify(databases).switchover(eq("us-east"), eq("eu-west"), any());
        assertEquals("eu-west", dbPrimary.get(), timeline(i));
        assertEquals(List.of(WEST_IP), a());
        assertTrue(eastFenced(), timeline(i));
    }

    @Test
    void aFailedFenceLiftSwitchesTheDatabasesBack() {
        doThrow(new LinodeApiException(503, "Linode API: service unavailable")).when(linode).replaceRules(eq(eastFirewall), any());
        Incident i = failback();
        assertEquals(Incident.Outcome.FAILED, i.outcome(), timeline(i));
        verify(databases).switchover(eq("us-east"), eq("eu-west"), any());
        assertEquals("eu-west", dbPrimary.get(), "the database DNS points at is the writable one again: " + timeline(i));
        assertEquals(List.of(WEST_IP), a());
        assertTrue(eastFenced(), timeline(i));
    }

    /**
     * Fails on the old code: the fence was gone and the databases had switched while DNS stayed on the now read-only
     * eu-west. Now everything is restored, and re-running the same command converges.
     */
    @Test
    void aFailedDnsSwitchRestoresEverythingAndARerunConverges() {
        doThrow(new LinodeApiException(500, "Linode API: internal error")).doCallRealMethod()
                .when(linode).update(any(), argThat(r -> r != null && "A".equals(r.type())));
        Incident first = failback();
        assertEquals(Incident.Outcome.FAILED, first.outcome(), timeline(first));
        assertEquals(List.of(WEST_IP), a(), timeline(first));
        assertEquals("eu-west", dbPrimary.get(), "DNS never points at a read-only database: " + timeline(first));
        assertTrue(eastFenced(), "the fence is back on the target: " + timeline(first));

        Incident again = failback();
        assertEquals(Incident.Outcome.COMPLETED, again.outcome(), timeline(again));
        assertEquals(List.of(EAST_IP), a());
        assertEquals("us-east", dbPrimary.get());
        assertFalse(eastFenced());
        FailoverEvent done = FailoverEvent.in(sim.records("shop.example.com"));
        assertEquals(FailoverEvent.DONE, done.phase());
        assertTrue(done.epochNumber() >= 2, "each run raised the epoch: " + done.toJson());
    }

    /** A run that switched the databases and DNS but whose fence lift was lost is finished by the re-run. */
    @Test
    void aRerunAfterTheSwitchFinishesWhatIsLeft() {
        dbPrimary.set("us-east");
        for (DnsRecord r : sim.records("shop.example.com")) {
            if (r.type().equals("A")) linode.update(linode.zone("shop.example.com"), r.withTarget(EAST_IP));
        }
        Incident i = failback();
        assertEquals(Incident.Outcome.COMPLETED, i.outcome(), timeline(i));
        assertFalse(eastFenced(), timeline(i));
        verify(databases, never()).switchover(anyString(), anyString(), any());
    }
}
