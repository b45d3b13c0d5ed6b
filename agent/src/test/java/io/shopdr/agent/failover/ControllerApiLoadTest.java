package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.health.ShiftableClock;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.sim.linode.RecordedRequest;
import io.shopdr.sim.linode.ratelimit.LimitClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controllers' steady load on the Linode API at production settings (the prod stack's 1 s probes, failure
 * threshold 3, default vote freshness and keep-alive), on the API simulator enforcing Linode's per-user limits. Every
 * controller uses one user's token, as the deployed controllers do. Only wall time is shrunk: the controllers and the
 * simulator share a clock that the test advances one probe interval per cycle.
 */
class ControllerApiLoadTest {
    private static final String DOMAIN = "shop.example.com";
    private static final Duration PROBE = Duration.ofSeconds(1);

    @ParameterizedTest(name = "{0} regions and a witness")
    @ValueSource(ints = {2, 3})
    void steadyStateStaysAtOrUnderHalfOfEachLimitAndDetectionIsUnchanged(int regionCount) throws Exception {
        ShiftableClock clock = ShiftableClock.fixedAt(Instant.parse("2026-12-01T00:00:00Z"));
        List<String> regions = List.of("us-east", "gb-lon", "ap-south").subList(0, regionCount);
        Map<String, FakeIngress> ingress = new LinkedHashMap<>();
        try (LinodeApiSimulator linode = LinodeApiSimulator.start().enforceLinodeRateLimits().clock(clock)
                .addToken("deployer-user-token", LinodeApiSimulator.ALL_SCOPES)) {
            LinodeClient client = LinodeClient.builder().apiUrl(linode.apiUrl()).token("deployer-user-token").build();
            Map<String, FailoverController> fleet = fleet(linode, client, clock, regions, ingress);
            List<Map<LimitClass, Integer>> perMinute = twoMinutes(fleet, linode, clock);
            assertAtOrUnderHalfOfEachLimit(perMinute, fleet.size() + " observers, " + regionCount + " regions");
            Map<LimitClass, Integer> last = perMinute.get(perMinute.size() - 1);
            assertTrue(last.get(LimitClass.PAGINATED_COLLECTION) >= fleet.size() * 6,
                    "every observer still lists the zone regularly: " + last);
            // one vote keep-alive per observer, region and probe (59 or 60 cycles fall in the window ending at a tick)
            int keepAlives = fleet.size() * regionCount;
            assertTrue(last.get(LimitClass.OTHER) >= keepAlives * 59 && last.get(LimitClass.OTHER) <= keepAlives * 60,
                    "vote writes in the last minute: " + last);
            assertTrue(linode.requests().stream().mapToInt(RecordedRequest::status).noneMatch(st -> st == 429), "no request was refused");
            for (FailoverController c : fleet.values()) {
                assertEquals(ControllerState.PRIMARY_HEALTHY, c.state(), c.name() + ": " + c.stateReason());
                assertTrue(c.verdict(regions.get(0)).up(), c.name() + " sees fresh votes of every observer: "
                        + c.verdict(regions.get(0)).reason());
            }

            // the primary region dies: a calm controller that sees it fail reads every cycle again, so the quorum
            // (judged here by the witness, which never acts) declares it down as fast as with a read per probe:
            // failureThreshold probes, and the dead region's last "up" vote stale after 3 probe intervals
            ingress.get(regions.get(0)).stop();
            fleet.remove(regions.get(0));
            FailoverController witness = fleet.get("witness");
            int cycles = 0;
            while (!witness.verdict(regions.get(0)).down() && cycles < 30) {
                witness.tick();
                clock.advance(PROBE);
                cycles++;
            }
            assertTrue(witness.verdict(regions.get(0)).down(), "the witness never saw a quorum: " + witness.verdict(regions.get(0)).reason());
            // the other observers' down votes land in the same cycles; the witness reads them in its next cycle
            assertTrue(cycles <= 4, "quorum-down after " + cycles + " probe intervals (failure threshold 3 + one read)");
        } finally {
            ingress.values().forEach(FakeIngress::close);
        }
    }

    /**
     * A failback marked started holds every controller off (FAILING_BACK) for as long as it runs — minutes when the
     * target catches up slowly, up to the marker's age limit when its runner died. Held, a controller has nothing to
     * decide, so it lists the zone at the calm rate; every cycle, four observers would take more than Linode's limit
     * of listings per user (and starve the failback's own calls).
     */
    @Test
    void whileAFailbackIsMarkedStartedEveryObserverListsAtTheCalmRate() throws Exception {
        ShiftableClock clock = ShiftableClock.fixedAt(Instant.parse("2026-12-01T00:00:00Z"));
        List<String> regions = List.of("us-east", "gb-lon", "ap-south");
        Map<String, FakeIngress> ingress = new LinkedHashMap<>();
        try (LinodeApiSimulator linode = LinodeApiSimulator.start().enforceLinodeRateLimits().clock(clock)
                .addToken("deployer-user-token", LinodeApiSimulator.ALL_SCOPES)) {
            // no retries: a refused request shows at once (retrying waits real seconds on a simulated clock)
            LinodeClient client = LinodeClient.builder().apiUrl(linode.apiUrl()).token("deployer-user-token")
                    .retryPolicy(RetryPolicy.none()).build();
            Map<String, FailoverController> fleet = fleet(linode, client, clock, regions, ingress);
            ControlRecord.put(client, client.zone(DOMAIN), FailoverEvent.RECORD_NAME, FailoverEvent.of(FailoverEvent.FAILBACK,
                    FailoverEvent.STARTED, "gb-lon", "us-east", clock.instant(), "operator").withEpoch(1).toJson());
            List<Map<LimitClass, Integer>> perMinute = twoMinutes(fleet, linode, clock);
            for (FailoverController c : fleet.values()) {
                assertEquals(ControllerState.FAILING_BACK, c.state(), c.name() + ": " + c.stateReason());
            }
            assertAtOrUnderHalfOfEachLimit(perMinute, fleet.size() + " observers held off by a failback");
            assertTrue(linode.requests().stream().mapToInt(RecordedRequest::status).noneMatch(st -> st == 429), "no request was refused");
        } finally {
            ingress.values().forEach(FakeIngress::close);
        }
    }

    /** A controller per region and a witness, on one user's token; the first region is the primary. */
    private static Map<String, FailoverController> fleet(LinodeApiSimulator linode, LinodeClient client, ShiftableClock clock,
                                                         List<String> regions, Map<String, FakeIngress> ingress)
            throws Exception {
        DnsZone zone = linode.addZone(DOMAIN);
        linode.addRecord(zone, DnsRecord.of("A", "", ip(0), 30));
        ControllerConfig.Builder b = ControllerConfig.builder().domain(DOMAIN).recordNames(List.of(""))
                .probeScheme("http").probeInterval(PROBE).failureThreshold(3).successThreshold(3).witness("witness");
        for (int i = 0; i < regions.size(); i++) {
            ingress.put(regions.get(i), new FakeIngress());
            long firewall = client.createFirewall("db-" + regions.get(i),
                    new FirewallRules("DROP", List.of(), "ACCEPT", List.of())).id();
            // nothing listens on port 9 of loopback: the GTID poll fails at once and is only logged
            b.region(new RegionConfig(regions.get(i), ip(i), null, ingress.get(regions.get(i)).url(), "127.0.0.1:9", firewall));
        }
        ControllerConfig config = b.build();
        EngineRegionDatabases databases = new EngineRegionDatabases(config, new Credentials("admin", "x"),
                new Credentials("repl", "y"));
        Map<String, FailoverController> fleet = new LinkedHashMap<>();
        for (String o : config.observers()) {
            boolean witness = !config.isRegion(o);
            fleet.put(o, new FailoverController(config, o, client, witness ? null : client, witness ? null : databases, clock));
        }
        return fleet;
    }

    /**
     * Two simulated minutes, every controller ticking once per probe interval; the requests of each minute-long window
     * of the second minute (the first is warm-up: every controller's first read and writes).
     */
    private static List<Map<LimitClass, Integer>> twoMinutes(Map<String, FailoverController> fleet, LinodeApiSimulator linode,
                                                             ShiftableClock clock) {
        List<Map<LimitClass, Integer>> perMinute = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            for (FailoverController c : fleet.values()) c.tick();
            clock.advance(PROBE);
            if (s >= 60) perMinute.add(new EnumMap<>(linode.requestsPerMinute()));
        }
        return perMinute;
    }

    private static void assertAtOrUnderHalfOfEachLimit(List<Map<LimitClass, Integer>> perMinute, String who) {
        for (Map<LimitClass, Integer> m : perMinute) {
            for (LimitClass c : LimitClass.values()) {
                assertTrue(m.get(c) <= c.perMinute() / 2, c + ": " + m.get(c) + " requests in a minute, over half of "
                        + c.perMinute() + " (" + who + ")");
            }
        }
    }

    private static String ip(int region) {
        return "198.51.100." + (region + 1);
    }
}
