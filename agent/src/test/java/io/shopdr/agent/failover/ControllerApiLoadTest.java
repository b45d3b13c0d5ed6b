package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.health.ShiftableClock;
import io.shopdr.agent.linode.LinodeClient;
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

            // two simulated minutes of steady state; the first is warm-up (every controller's first read and writes)
            List<Map<LimitClass, Integer>> perMinute = new ArrayList<>();
            for (int s = 0; s < 120; s++) {
                for (FailoverController c : fleet.values()) c.tick();
                clock.advance(PROBE);
                if (s >= 60) perMinute.add(new EnumMap<>(linode.requestsPerMinute()));
            }
            for (Map<LimitClass, Integer> m : perMinute) {
                for (LimitClass c : LimitClass.values()) {
                    assertTrue(m.get(c) <= c.perMinute() / 2, c + ": " + m.get(c) + " requests in a minute, over half of "
                            + c.perMinute() + " (" + fleet.size() + " observers, " + regionCount + " regions)");
                }
            }
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

    private static String ip(int region) {
        return "198.51.100." + (region + 1);
    }
}
