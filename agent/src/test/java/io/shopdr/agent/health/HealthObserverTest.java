package io.shopdr.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An observer probing two in-process ingresses and voting into an in-memory zone. */
class HealthObserverTest {
    private FakeIngress east;
    private FakeIngress west;
    private LinodeApiSimulator linode;
    private LinodeClient client;
    private DnsZone zone;
    private HttpProbe probe;
    private ShiftableClock clock;
    private HealthObserver observer;

    @BeforeEach
    void setUp() throws Exception {
        east = new FakeIngress();
        west = new FakeIngress();
        linode = LinodeApiSimulator.start().addToken("t", "domains:read_write").addToken("ro", "domains:read_only");
        zone = linode.addZone("shop.example.com");
        client = LinodeClient.builder().apiUrl(linode.apiUrl()).token("t").retryPolicy(RetryPolicy.none()).build();
        probe = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(2));
        clock = ShiftableClock.fixedAt(Instant.parse("2026-11-26T10:00:00Z"));
        observer = new HealthObserver("witness", List.of(
                new ProbeTarget("us-east", URI.create(east.url()), "shop.example.com"),
                new ProbeTarget("eu-west", URI.create(west.url()), "shop.example.com")),
                probe, new VoteBoard(client, "shop.example.com"), 2, 2, Duration.ofSeconds(10), clock);
    }

    @AfterEach
    void tearDown() {
        east.close();
        west.close();
        probe.close();
        linode.close();
    }

    private List<DnsRecord> named(String type, String name) {
        return linode.records("shop.example.com").stream().filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
    }

    /** Record writes (POST/PUT) the simulator answered. */
    private long writes() {
        return linode.requests().stream().filter(r -> r.method().equals("POST") || r.method().equals("PUT")).count();
    }

    private ObservationRound tick() {
        ObservationRound r = observer.tick();
        clock.advance(Duration.ofSeconds(1));
        return r;
    }

    private Vote voteAbout(String target) {
        for (DnsRecord r : named("TXT", "_shopdr-vote-witness")) {
            Vote v = Vote.parse(r.target());
            if (v.target().equals(target)) return v;
        }
        return null;
    }

    @Test
    void publishesOneVotePerTargetAfterTheThresholdAndOnlyOnChangeOrKeepAlive() {
        tick();
        assertTrue(named("TXT", "_shopdr-vote-witness").isEmpty(), "no vote while UNKNOWN");
        tick();
        assertEquals(2, named("TXT", "_shopdr-vote-witness").size());
        Vote first = voteAbout("us-east");
        assertEquals(TargetState.UP, first.targetState());
        long writes = writes();

        tick();
        tick();
        assertEquals(writes, writes(), "unchanged votes are not rewritten before the keep-alive period");

        east.stop();
        tick();
        assertEquals(writes, writes(), "one failure is below the threshold");
        ObservationRound r = tick();
        assertEquals(TargetState.DOWN, r.localStates().get("us-east"));
        Vote down = voteAbout("us-east");
        assertEquals(TargetState.DOWN, down.targetState());
        assertEquals(first.sequence() + 2, down.sequence(), "sequence counts state changes (2 initial votes, then this)");
        assertEquals(writes + 1, writes(), "only the changed vote was written");
        assertEquals(2, named("TXT", "_shopdr-vote-witness").size(), "the record was updated, not duplicated");
        assertTrue(r.votes().contains(down), "the round carries the fresh own vote");
    }

    @Test
    void keepAliveRewritesAnUnchangedVoteWithANewTimestamp() {
        tick();
        tick();
        Vote before = voteAbout("eu-west");
        clock.advance(Duration.ofSeconds(10));
        tick();
        Vote after = voteAbout("eu-west");
        assertEquals(before.sequence(), after.sequence());
        assertEquals(before.since(), after.since());
        assertTrue(after.writtenAt().isAfter(before.writtenAt()));
    }

    @Test
    void readsOtherObserversVotesAndSkipsForeignTxtRecords() {
        client.create(zone, DnsRecord.of("TXT", "_shopdr-vote-eu-west",
                Vote.of("eu-west", "us-east", TargetState.DOWN, clock.instant(), 3, clock.instant()).toJson(), 30));
        client.create(zone, DnsRecord.of("TXT", "_shopdr-vote-eu-west", "garbage", 30));
        client.create(zone, DnsRecord.of("TXT", "_shopdr-vote-ap-south",
                Vote.of("eu-west", "us-east", TargetState.DOWN, clock.instant(), 3, clock.instant()).toJson(), 30));
        ObservationRound r = tick();
        assertEquals(1, r.votes().size(), r.votes().toString());
        assertEquals("eu-west", r.votes().get(0).observer());
        assertNotNull(r.records());
    }

    @Test
    void dnsWriteFailureIsReportedAndRetried() {
        LinodeClient readOnly = LinodeClient.builder().apiUrl(linode.apiUrl()).token("ro").retryPolicy(RetryPolicy.none()).build();
        observer = new HealthObserver("witness", observer.targets(), probe, new VoteBoard(readOnly, "shop.example.com"),
                2, 2, Duration.ofSeconds(10), clock);
        tick();
        ObservationRound r = tick();
        assertTrue(r.dnsError() != null && r.dnsError().contains("token lacks domains:read_write"), String.valueOf(r.dnsError()));
        assertTrue(!r.dnsError().contains("\"ro\""), "no token in errors");
        assertTrue(named("TXT", "_shopdr-vote-witness").isEmpty());
        linode.addToken("ro", "domains:read_write"); // the operator fixed the token's scopes
        tick();
        assertEquals(2, named("TXT", "_shopdr-vote-witness").size());
    }
}
