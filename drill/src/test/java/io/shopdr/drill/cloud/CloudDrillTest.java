package io.shopdr.drill.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.shopdr.agent.failover.FailoverEvent;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.drill.StorefrontTest;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud drill against the Linode API stand-in: the outage is a deny-all rule set on the primary database's
 * firewall, written down in an undo plan first and always undone. The "cloud" here is two tiny in-test shops on
 * 127.0.0.1/127.0.0.2 and a stand-in for the deployed controllers that moves the DNS record when the firewall
 * closes (the real controllers are tested in their own package).
 */
class CloudDrillTest {
    private static final FirewallRules ORIGINAL = new FirewallRules("DROP",
            List.of(new FirewallRule("mysql", "ACCEPT", "TCP", "3306", List.of("192.168.128.0/17"), List.of())),
            "ACCEPT", List.of());

    private static final FirewallRules NODE_RULES = new FirewallRules("DROP",
            List.of(new FirewallRule("https", "ACCEPT", "TCP", "443", List.of("0.0.0.0/0"), List.of())), "ACCEPT", List.of());

    private LinodeApiSimulator sim;
    private LinodeClient client;
    private DnsZone zone;
    private long firewallId;
    /** Primary region nodes: one without a firewall, two behind the node pool's own firewall. */
    private long bareNode;
    private long poolNode1;
    private long poolNode2;
    private long poolFirewall;
    /** A standby node behind its own firewall: the drill must leave it alone. */
    private long standbyNode;
    private long standbyFirewall;

    @BeforeEach
    void start() {
        sim = LinodeApiSimulator.start();
        sim.addToken("tok", LinodeApiSimulator.ALL_SCOPES);
        client = LinodeClient.builder().apiUrl(sim.apiUrl()).token("tok").build();
        zone = sim.addZone("shop.example.com");
        sim.addRecord(zone, DnsRecord.of("A", "", "127.0.0.1", 30));
        // an earlier failback left its event behind: the drill must not take it for this failover's report
        sim.addRecord(zone, DnsRecord.of("TXT", FailoverEvent.RECORD_NAME, FailoverEvent.of(FailoverEvent.FAILBACK,
                FailoverEvent.DONE, "eu-west", "us-east", Instant.parse("2026-11-20T10:00:00Z"), "us-east").toJson(), 30));
        firewallId = client.createFirewall("shopdr-db-us-east", ORIGINAL).id();
        bareNode = sim.addLinode("lke-us-east-1");
        poolNode1 = sim.addLinode("lke-us-east-2");
        poolNode2 = sim.addLinode("lke-us-east-3");
        poolFirewall = client.createFirewall("lke-pool-us-east", NODE_RULES).id();
        client.attachLinode(poolFirewall, poolNode1);
        client.attachLinode(poolFirewall, poolNode2);
        standbyNode = sim.addLinode("lke-eu-west-1");
        standbyFirewall = client.createFirewall("lke-pool-eu-west", NODE_RULES).id();
        client.attachLinode(standbyFirewall, standbyNode);
    }

    /** Whether HTTPS from the internet reaches the Linode, by the simulator's firewall semantics. */
    private boolean reachable(long linode) {
        return sim.admitsInbound(linode, "TCP", 443, "198.51.100.77");
    }

    private boolean primaryNodesCut() {
        return !reachable(bareNode) && !reachable(poolNode1) && !reachable(poolNode2);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CloudTarget target() {
        return CloudTarget.fromOutputs("staging", """
                {"domain":"shop.example.com","primaryRegion":"us-east","regions":["us-east","eu-west"],
                 "database":{"adminPassword":"pw","endpoints":{"us-east":{"firewallId":%d},"eu-west":{"firewallId":9}}},
                 "ingressIps":{"us-east":"127.0.0.1","eu-west":"127.0.0.2"},
                 "nodeIds":{"us-east":[%d,%d,%d],"eu-west":[%d]}}""".formatted(firewallId, bareNode, poolNode1, poolNode2, standbyNode));
    }

    @Test
    void outageIsWrittenDownFirstMeasuredAndUndone(@TempDir Path dir) throws Exception {
        int port = StorefrontTest.freePort();
        Set<String> orders = ConcurrentHashMap.newKeySet();
        HttpServer shopA = shop("127.0.0.1", "us-east", port, orders);
        HttpServer shopB = shop("127.0.0.2", "eu-west", port, orders);
        Path undoFile = dir.resolve("undo.json");
        AtomicReference<String> planSeenDuringOutage = new AtomicReference<>();
        AtomicBoolean standbyReachableDuringOutage = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        // the deployed controllers' stand-in: region A's shop dies as soon as the cut is seen, the name moves to B
        Thread cloud = lateCutCloud(shopA, 0, 0L, stop, () -> {
            standbyReachableDuringOutage.set(reachable(standbyNode));
            try {
                planSeenDuringOutage.set(Files.readString(undoFile));
            } catch (Exception e) {
                planSeenDuringOutage.set("missing");
            }
        });
        try {
            DrillResult r = drill(undoFile, port, Duration.ofSeconds(30)).run();
            DrillMeasurements f = r.measurements();
            assertNotNull(f.rtoMs().jsonValue(), r.phases().toString());
            assertNotNull(f.dnsSwitchMs().jsonValue());
            assertEquals(0L, f.lostAckedOrders().jsonValue());
            assertEquals(2L, f.reportedRpoTransactions().jsonValue(), "the RPO the controller published");
            assertNotNull(f.detectionMs().jsonValue(), r.phases().toString());
            assertNotNull(f.promotionMs().jsonValue());
            assertTrue(f.detectionMs().getAsLong() <= f.promotionMs().getAsLong()
                    && f.promotionMs().getAsLong() <= f.dnsSwitchMs().getAsLong(), r.toString());
            assertTrue(r.ok(), r.problems().toString());
            assertTrue(f.ackedOrders() > 0);
            assertTrue(f.switchbackMs().isUnknown(), "the cloud drill switches nothing back: " + f.switchbackMs());
            assertEquals("cloud", r.mode());
            assertTrue(planSeenDuringOutage.get().contains("\"firewallId\" : " + firewallId), planSeenDuringOutage.get());
            assertTrue(planSeenDuringOutage.get().contains("192.168.128.0/17"), "original rules kept in the plan");
            assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow(), "outage undone");
            assertTrue(standbyReachableDuringOutage.get(), "the standby's nodes stay reachable");
            assertTrue(planSeenDuringOutage.get().contains("\"linodeId\" : " + bareNode), "attachment in the plan: " + planSeenDuringOutage.get());
            assertTrue(planSeenDuringOutage.get().contains("\"firewallId\" : " + poolFirewall), "node firewall in the plan");
            assertEquals(NODE_RULES, sim.firewallRules(poolFirewall).orElseThrow(), "node pool firewall restored");
            assertEquals(List.of(), sim.attachedLinodes(firewallId), "drill firewall detached from the bare node");
            assertEquals(List.of(poolNode1, poolNode2), sim.attachedLinodes(poolFirewall));
            assertEquals(NODE_RULES, sim.firewallRules(standbyFirewall).orElseThrow(), "standby firewall untouched");
            assertTrue(reachable(bareNode) && reachable(poolNode1) && reachable(poolNode2), "nodes reachable again");
            assertFalse(Files.exists(undoFile), "undo plan removed after the undo");
        } finally {
            stop.set(true);
            cloud.join(5000);
            shopA.stop(0);
            shopB.stop(0);
        }
    }

    @Test
    void failedDrillStillUndoesAndUndoCommandRestoresFromThePlan(@TempDir Path dir) throws Exception {
        Path undoFile = dir.resolve("undo.json");
        int port = StorefrontTest.freePort();
        Set<String> orders = ConcurrentHashMap.newKeySet();
        HttpServer shopA = shop("127.0.0.1", "us-east", port, orders);
        try {
            // nobody fails over: the drill gives up, and must still put the firewall back
            CloudDrill drill = new CloudDrill(target(), client, client, undoFile, sim.apiUrl().toString(),
                    DrillProgress.SILENT, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> "127.0.0.9",
                    ip -> URI.create("http://" + ip + ":" + port + "/orders"), id -> URI.create("http://127.0.0.1:1/"),
                    ip -> probe(ip, port));
            DrillResult r = drill.run();
            assertFalse(r.ok());
            assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow());
        } finally {
            shopA.stop(0);
        }

        // a crashed drill left its outage and its plan behind: --undo restores from the plan
        assertEquals(NODE_RULES, sim.firewallRules(poolFirewall).orElseThrow());
        assertEquals(List.of(), sim.attachedLinodes(firewallId));
        assertTrue(reachable(bareNode) && reachable(poolNode1));

        // a crashed drill left its outage and its plan behind: --undo restores from the plan
        new UndoPlan("staging", sim.apiUrl().toString(), firewallId, ORIGINAL, "2026-11-26T10:00:00Z",
                List.of(new UndoPlan.RulesChange(poolFirewall, NODE_RULES)),
                List.of(new UndoPlan.Attachment(firewallId, bareNode))).write(undoFile);
        client.replaceRules(firewallId, CloudDrill.DENY_ALL);
        client.replaceRules(poolFirewall, CloudDrill.DENY_ALL);
        client.attachLinode(firewallId, bareNode);
        assertTrue(primaryNodesCut());
        java.io.StringWriter out = new java.io.StringWriter();
        assertEquals(0, CloudDrill.undo(undoFile, "tok", "http://unused", new java.io.PrintWriter(out)));
        assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow());
        assertEquals(NODE_RULES, sim.firewallRules(poolFirewall).orElseThrow());
        assertEquals(List.of(), sim.attachedLinodes(firewallId));
        assertFalse(Files.exists(undoFile));
        assertTrue(out.toString().contains("restored the rules of firewall " + firewallId), out.toString());
        assertTrue(out.toString().contains("detached it from Linodes [" + bareNode + "]"), out.toString());

        // a plan from a drill that crashed before it attached anything: undo still succeeds
        new UndoPlan("staging", sim.apiUrl().toString(), firewallId, ORIGINAL, "2026-11-26T10:00:00Z",
                List.of(), List.of(new UndoPlan.Attachment(firewallId, bareNode))).write(undoFile);
        assertEquals(0, CloudDrill.undo(undoFile, "tok", "http://unused", new java.io.PrintWriter(new java.io.StringWriter())));
        assertFalse(Files.exists(undoFile));
    }

    @Test
    void aNodeFirewallSharedWithTheStandbyIsRefusedBeforeAnythingChanges(@TempDir Path dir) {
        // the primary's node sits behind a firewall that also protects a standby node: deny-all would cut both regions
        client.attachLinode(standbyFirewall, bareNode);
        Path undoFile = dir.resolve("undo.json");
        CloudDrill drill = new CloudDrill(target(), client, client, undoFile, sim.apiUrl().toString(),
                DrillProgress.SILENT, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> "127.0.0.9",
                ip -> URI.create("http://" + ip + ":1/orders"), id -> URI.create("http://127.0.0.1:1/"), ip -> probe(ip, 1));
        DrillResult r = drill.run();
        assertFalse(r.ok());
        String why = String.join("\n", r.problems());
        assertTrue(why.contains("firewall " + standbyFirewall) && why.contains("[" + standbyNode + "]")
                && why.contains("nothing was changed"), why);
        assertFalse(Files.exists(undoFile), "no plan: nothing was changed");
        assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow());
        assertEquals(NODE_RULES, sim.firewallRules(standbyFirewall).orElseThrow());
        assertEquals(NODE_RULES, sim.firewallRules(poolFirewall).orElseThrow());
        assertEquals(List.of(), sim.attachedLinodes(firewallId));
    }

    @Test
    void outputsWithoutTheFirewallAreAClearError() {
        DrillException e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", """
                {"domain":"shop.example.com","primaryRegion":"us-east","regions":["us-east","eu-west"],"database":{"endpoints":{}},
                 "ingressIps":{"us-east":"1.1.1.1","eu-west":"2.2.2.2"}}"""));
        assertTrue(e.getMessage().contains("database.endpoints.us-east.firewallId"), e.getMessage());
        e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", """
                {"domain":"shop.example.com","primaryRegion":"us-east","regions":["us-east","eu-west"],"database":{"endpoints":{"us-east":{"firewallId":5}}},
                 "ingressIps":{"us-east":"1.1.1.1","eu-west":"2.2.2.2"}}"""));
        assertTrue(e.getMessage().contains("'nodeIds.us-east' is missing") && e.getMessage().contains("pulumi up --stack prod"), e.getMessage());
        e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", """
                {"domain":"shop.example.com","primaryRegion":"us-east","regions":["us-east","eu-west"],"database":{"endpoints":{"us-east":{"firewallId":5}}},
                 "ingressIps":{"us-east":"1.1.1.1","eu-west":"2.2.2.2"},"nodeIds":{"us-east":["node-1"]}}"""));
        assertTrue(e.getMessage().contains("'node-1', not a Linode instance id"), e.getMessage());
        e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", "not json"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        // the shop's name comes from the outputs (exported since this version), never from Pulumi.<stack>.yaml
        e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", """
                {"primaryRegion":"us-east","regions":["us-east","eu-west"]}"""));
        assertTrue(e.getMessage().contains("stack outputs field 'domain' is missing") && e.getMessage().contains("pulumi up --stack prod"),
                e.getMessage());
        assertEquals("shop.example.com", target().domain());
    }

    /**
     * Stand-in for the deployed controllers, and for a cut that takes effect late (Linode applies firewall changes
     * asynchronously): once the database and every primary node are cut off by the API's rules, {@code onCut} runs,
     * region A keeps serving {@code cutDelayMs} more, then goes dark; {@code switchAfterMs} later (when not null) the
     * shop's name moves to region B and the acting controller's event (RPO 2) is published.
     */
    private Thread lateCutCloud(HttpServer shopA, long cutDelayMs, Long switchAfterMs, AtomicBoolean stop, Runnable onCut) {
        Thread cloud = new Thread(() -> {
            while (!stop.get()) {
                FirewallRules now = sim.firewallRules(firewallId).orElseThrow();
                // the region is down only when its database and every one of its nodes are cut off
                if ("DROP".equals(now.inboundPolicy()) && now.inbound().isEmpty() && primaryNodesCut()) {
                    onCut.run();
                    sleep(cutDelayMs);
                    Instant detected = Instant.now();
                    shopA.stop(0);
                    if (switchAfterMs == null) return;
                    sleep(switchAfterMs);
                    Instant promoted = Instant.now();
                    DnsRecord a = client.records(zone).stream().filter(r -> r.type().equals("A")).findFirst().orElseThrow();
                    client.update(zone, a.withTarget("127.0.0.2"));
                    // what the acting controller publishes after its DNS switch
                    DnsRecord event = FailoverEvent.recordIn(client.records(zone));
                    client.update(zone, event.withTarget(FailoverEvent.failoverDone("us-east", "eu-west", "eu-west",
                            OptionalLong.of(2), detected, promoted, Instant.now()).toJson()));
                    return;
                }
                sleep(100);
            }
        });
        cloud.start();
        return cloud;
    }

    private CloudDrill drill(Path undoFile, int port, Duration timeout) {
        return new CloudDrill(target(), client, client, undoFile, sim.apiUrl().toString(),
                DrillProgress.SILENT, Duration.ofSeconds(2), timeout,
                () -> client.records(zone).stream().filter(r -> r.type().equals("A")).findFirst().orElseThrow().target(),
                ip -> URI.create("http://" + ip + ":" + port + "/orders"),
                id -> URI.create("http://127.0.0.2:" + port + "/orders/" + id), ip -> probe(ip, port));
    }

    /** What a probe from outside GETs on a region's shop: a live shop answers 404 for an unknown order. */
    private static URI probe(String ip, int port) {
        return URI.create("http://" + ip + ":" + port + "/orders/probe");
    }

    @Test
    void theOutageClockStartsWhenTheCutIsInEffectAndOnlyTheStandbysOrdersEndIt(@TempDir Path dir) throws Exception {
        int port = StorefrontTest.freePort();
        Set<String> orders = ConcurrentHashMap.newKeySet();
        HttpServer shopA = shop("127.0.0.1", "us-east", port, orders);
        HttpServer shopB = shop("127.0.0.2", "eu-west", port, orders);
        AtomicBoolean stop = new AtomicBoolean();
        Thread cloud = lateCutCloud(shopA, 1500, 1000L, stop, () -> {});
        try {
            DrillResult r = drill(dir.resolve("undo.json"), port, Duration.ofSeconds(30)).run();
            assertTrue(r.ok(), r.problems() + " " + r.phases());
            assertNotNull(r.measurements().rtoMs().jsonValue(), r.phases().toString());
            // region A served orders for 1.5 s after the rules were written: the clock starts only after that
            long killAt = r.measurements().killAtMs().getAsLong();
            List<OrderAttempt> servedByA = r.traces().attempts().stream()
                    .filter(a -> a.acknowledged() && "127.0.0.1".equals(a.target())).toList();
            assertFalse(servedByA.isEmpty(), "region A served before the cut");
            assertTrue(servedByA.stream().allMatch(a -> a.sentMs() < killAt),
                    "an order region A acknowledged was sent after the outage clock started at " + killAt + ": "
                            + servedByA.stream().filter(a -> a.sentMs() >= killAt).toList());
            // the order that ends the outage is the first one the standby acknowledged after the clock started
            OrderAttempt first = r.traces().attempts().stream()
                    .filter(a -> a.acknowledged() && a.sentMs() >= killAt)
                    .min(java.util.Comparator.comparingLong(OrderAttempt::answeredMs)).orElseThrow();
            assertEquals("127.0.0.2", first.target(), "first order after the cut: " + first);
            assertEquals(first.answeredMs() - killAt, r.measurements().rtoMs().getAsLong());
        } finally {
            stop.set(true);
            cloud.join(5000);
            shopA.stop(0);
            shopB.stop(0);
        }
    }

    @Test
    void aCloudDrillInWhichNoFailoverHappenedFails(@TempDir Path dir) throws Exception {
        int port = StorefrontTest.freePort();
        Set<String> orders = ConcurrentHashMap.newKeySet();
        HttpServer shopA = shop("127.0.0.1", "us-east", port, orders);
        HttpServer shopB = shop("127.0.0.2", "eu-west", port, orders);
        AtomicBoolean stop = new AtomicBoolean();
        // the cut takes effect after 1 s; no controller ever moves the shop's name
        Thread cloud = lateCutCloud(shopA, 1000, null, stop, () -> {});
        try {
            DrillResult r = drill(dir.resolve("undo.json"), port, Duration.ofSeconds(4)).run();
            assertFalse(r.ok());
            assertNull(r.measurements().rtoMs().jsonValue(), "no failover happened, so there is no recovery time; orders region A served "
                    + "before the cut took effect do not end the outage");
            DrillPhase failover = r.phases().stream().filter(p -> p.name().equals("failover")).findFirst().orElseThrow();
            assertFalse(failover.ok(), r.phases().toString());
            assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow(), "outage undone");
        } finally {
            stop.set(true);
            cloud.join(5000);
            shopA.stop(0);
            shopB.stop(0);
        }
    }

    private static HttpServer shop(String ip, String region, int port, Set<String> orders) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), port), 16);
        s.createContext("/orders", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body;
                int status;
                if ("POST".equals(ex.getRequestMethod())) {
                    String id = UUID.randomUUID().toString();
                    orders.add(id);
                    body = ("{\"id\":\"" + id + "\",\"region\":\"" + region + "\"}").getBytes(StandardCharsets.UTF_8);
                    status = 201;
                } else {
                    status = orders.contains(path.substring("/orders/".length())) ? 200 : 404;
                    body = "{}".getBytes(StandardCharsets.UTF_8);
                }
                ex.sendResponseHeaders(status, body.length);
                ex.getResponseBody().write(body);
            }
        });
        s.start();
        return s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
