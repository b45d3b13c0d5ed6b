package io.shopdr.agent.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.shopdr.agent.dns.DnsRecord;
import io.shopdr.agent.dns.DnsZone;
import io.shopdr.agent.dns.FirewallRule;
import io.shopdr.agent.dns.FirewallRules;
import io.shopdr.agent.dns.linode.LinodeClient;
import io.shopdr.agent.dns.simulator.LinodeApiSimulator;
import io.shopdr.agent.failover.FailoverEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.List;
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

    private LinodeApiSimulator sim;
    private LinodeClient client;
    private DnsZone zone;
    private long firewallId;

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
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CloudTarget target() {
        return CloudTarget.fromOutputs("staging", "shop.example.com", """
                {"primaryRegion":"us-east","regions":["us-east","eu-west"],
                 "database":{"adminPassword":"pw","endpoints":{"us-east":{"firewallId":%d},"eu-west":{"firewallId":9}}},
                 "ingressIps":{"us-east":"127.0.0.1","eu-west":"127.0.0.2"}}""".formatted(firewallId));
    }

    @Test
    void outageIsWrittenDownFirstMeasuredAndUndone(@TempDir Path dir) throws Exception {
        int port = StorefrontTest.freePort();
        Set<String> orders = ConcurrentHashMap.newKeySet();
        HttpServer shopA = shop("127.0.0.1", port, orders);
        HttpServer shopB = shop("127.0.0.2", port, orders);
        Path undoFile = dir.resolve("undo.json");
        AtomicReference<String> planSeenDuringOutage = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread cloud = new Thread(() -> {
            // stand-in for the deployed controllers: when the DB firewall drops everything, region A's shop dies
            // and the shop's name moves to region B
            while (!stop.get()) {
                FirewallRules now = sim.firewallRules(firewallId).orElseThrow();
                if ("DROP".equals(now.inboundPolicy()) && now.inbound().isEmpty()) {
                    try {
                        planSeenDuringOutage.set(Files.readString(undoFile));
                    } catch (Exception e) {
                        planSeenDuringOutage.set("missing");
                    }
                    Instant detected = Instant.now();
                    shopA.stop(0);
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
        try {
            CloudDrill drill = new CloudDrill(target(), client, client, undoFile, sim.apiUrl().toString(),
                    DrillProgress.SILENT, Duration.ofSeconds(2), Duration.ofSeconds(30),
                    () -> client.records(zone).stream().filter(r -> r.type().equals("A")).findFirst().orElseThrow().target(),
                    ip -> URI.create("http://" + ip + ":" + port + "/orders"),
                    id -> URI.create("http://127.0.0.2:" + port + "/orders/" + id));
            DrillResult r = drill.run();
            assertNotNull(r.rtoMs(), r.phases().toString());
            assertNotNull(r.dnsSwitchMs());
            assertEquals(0L, r.lostAckedOrders());
            assertEquals(2L, r.reportedRpoTransactions(), "the RPO the controller published");
            assertNotNull(r.detectionMs(), r.phases().toString());
            assertNotNull(r.promotionMs());
            assertTrue(r.detectionMs() <= r.promotionMs() && r.promotionMs() <= r.dnsSwitchMs(), r.toString());
            assertTrue(r.ok(), r.problems().toString());
            assertTrue(r.ackedOrders() > 0);
            assertEquals("cloud", r.mode());
            assertTrue(planSeenDuringOutage.get().contains("\"firewallId\" : " + firewallId), planSeenDuringOutage.get());
            assertTrue(planSeenDuringOutage.get().contains("192.168.128.0/17"), "original rules kept in the plan");
            assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow(), "outage undone");
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
        HttpServer shopA = shop("127.0.0.1", port, orders);
        try {
            // nobody fails over: the drill gives up, and must still put the firewall back
            CloudDrill drill = new CloudDrill(target(), client, client, undoFile, sim.apiUrl().toString(),
                    DrillProgress.SILENT, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> "127.0.0.9",
                    ip -> URI.create("http://" + ip + ":" + port + "/orders"), id -> URI.create("http://127.0.0.1:1/"));
            DrillResult r = drill.run();
            assertFalse(r.ok());
            assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow());
        } finally {
            shopA.stop(0);
        }

        // a crashed drill left its outage and its plan behind: --undo restores from the plan
        new UndoPlan("staging", sim.apiUrl().toString(), firewallId, ORIGINAL, "2026-11-26T10:00:00Z").write(undoFile);
        client.replaceRules(firewallId, CloudDrill.DENY_ALL);
        java.io.StringWriter out = new java.io.StringWriter();
        assertEquals(0, CloudDrill.undo(undoFile, "tok", "http://unused", new java.io.PrintWriter(out)));
        assertEquals(ORIGINAL, sim.firewallRules(firewallId).orElseThrow());
        assertFalse(Files.exists(undoFile));
        assertTrue(out.toString().contains("restored the rules of firewall " + firewallId));
    }

    @Test
    void outputsWithoutTheFirewallAreAClearError() {
        DrillException e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", "d", """
                {"primaryRegion":"us-east","regions":["us-east","eu-west"],"database":{"endpoints":{}},
                 "ingressIps":{"us-east":"1.1.1.1","eu-west":"2.2.2.2"}}"""));
        assertTrue(e.getMessage().contains("database.endpoints.us-east.firewallId"), e.getMessage());
        e = assertThrows(DrillException.class, () -> CloudTarget.fromOutputs("prod", "d", "not json"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    private static HttpServer shop(String ip, int port, Set<String> orders) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), port), 16);
        s.createContext("/orders", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body;
                int status;
                if ("POST".equals(ex.getRequestMethod())) {
                    String id = UUID.randomUUID().toString();
                    orders.add(id);
                    body = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
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
