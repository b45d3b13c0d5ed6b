package io.shopdr.drill.twin;

import io.shopdr.agent.failover.FirewallFence;
import io.shopdr.components.database.DatabaseCloudInit;
import io.shopdr.sim.wan.RttTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The twin's world comes from the program: the prod stack config, run through App, started on real MariaDB 10.11. */
class TwinWorldTest {
    private static TwinWorld world;
    private static String hookReport;

    static Path prodStackConfig() {
        Path dir = Path.of("").toAbsolutePath();
        Path root = Files.exists(dir.resolve("Pulumi.yaml")) ? dir : dir.getParent();
        return root.resolve("Pulumi.prod.yaml");
    }

    @BeforeAll
    static void startWorld() throws Exception {
        TwinSpec spec = ProgramTwinSpec.declare(StackConfig.read(prodStackConfig(), Optional.empty()));
        world = TwinWorld.start(spec, RttTable.uniform(Duration.ofMillis(10)), 7);
        hookReport = world.runPostDeployHook(false);
    }

    @AfterAll
    static void stopWorld() {
        if (world != null) world.close();
    }

    @Test
    void theSpecHoldsProductionSettingsFromTheProgram() {
        TwinSpec spec = world.spec();
        assertEquals("prod", spec.stackName());
        assertEquals("mariadb-10.11", spec.engine());
        assertEquals(java.util.List.of("us-east", "gb-lon"), spec.regions());
        assertEquals(Duration.ofSeconds(1), spec.probeInterval());
        assertEquals(3, spec.failureThreshold());
        assertEquals(30, spec.shopTtlSeconds());
        assertEquals("DROP", spec.region().get("gb-lon").databaseFirewall().inboundPolicy());
    }

    @Test
    void eachServerRunsTheRenderedConfigOnMariaDb1011() throws Exception {
        for (String region : world.spec().regions()) {
            var server = world.server(region);
            assertEquals(Long.toString(DatabaseCloudInit.serverId(region)), server.queryAsRoot("SELECT @@server_id;"));
            assertTrue(server.queryAsRoot("SELECT VERSION();").startsWith("10.11."), server.queryAsRoot("SELECT VERSION();"));
            assertEquals("1", server.queryAsRoot("SELECT @@gtid_strict_mode;"));
            // the app user is created by the rendered bootstrap SQL and must use TLS
            assertEquals("ANY", server.queryAsRoot("SELECT ssl_type FROM mysql.global_priv g JOIN mysql.user u"
                    + " ON u.user = g.user AND u.host = g.host WHERE u.user = '" + world.spec().app().user() + "';"));
            assertTrue(server.queryAsRoot("SELECT @@have_ssl;").equals("YES"), "TLS from the rendered files");
        }
        assertEquals("0", world.server("us-east").queryAsRoot("SELECT @@read_only;"));
        assertEquals("1", world.server("gb-lon").queryAsRoot("SELECT @@read_only;"));
    }

    @Test
    void thePostDeployHookReplicatesThroughTheWan() throws Exception {
        assertTrue(hookReport.contains("replication healthy"), hookReport);
        world.server("us-east").runAsRoot("CREATE DATABASE IF NOT EXISTS twin_check; CREATE TABLE IF NOT EXISTS"
                + " twin_check.t (id INT PRIMARY KEY); INSERT INTO twin_check.t VALUES (42);");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            try {
                seen = world.server("gb-lon").queryAsRoot("SELECT id FROM twin_check.t;");
            } catch (java.io.IOException notYet) {
                seen = "";
            }
            if (seen.equals("42")) break;
            Thread.sleep(100);
        }
        assertEquals("42", seen);
        assertTrue(world.wan().counters("us-east", "gb-lon").toString().length() > 0);
    }

    @Test
    void everyDatabaseAdmitsEveryOtherRegionOnItsPort() {
        for (String target : world.spec().regions()) {
            var firewall = world.wan().firewall(TwinWorld.host(target));
            for (String source : world.spec().regions()) {
                assertTrue(firewall.admitsTcp(world.wan().addresses().addressOf(source), world.server(target).port()),
                        source + " -> " + target + " (replication either way after a failover): " + firewall);
            }
        }
    }

    /**
     * Whether a new TCP connection from {@code source} to {@code db} gets the server's greeting. A DROP opens the
     * connection (the relay's kernel) but never answers, and resets it after the SYN retry: false.
     */
    private static boolean greets(InetAddress source, InetSocketAddress db) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(db, 2000);
            s.setSoTimeout(5000);
            return s.getInputStream().read() >= 0;
        } catch (SocketException dropped) {
            return false; // the reset after the SYN retry (a read timeout instead would fail the test: no reset)
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TwinLinodeApi.FIREWALL_APPLY_DELAY.plusSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("waited in vain for " + what);
            Thread.sleep(100);
        }
    }

    @Test
    void aSourceTheFirewallDoesNotAdmitNeverReachesTheDatabase() throws Exception {
        InetSocketAddress db = world.databaseAddress("us-east");
        assertTrue(greets(world.wan().addresses().addressOf("gb-lon"), db),
                "from gb-lon's address (a declared peer and node address): the server greets");
        // from an address no region owns and no rule names (not 127.0.0.1, the only stand-in for unbound processes)
        assertFalse(greets(InetAddress.getByName("127.0.0.2"), db),
                "a source the firewall does not admit hangs, as Linode's DROP does");
        // the translated firewall the relay enforces: the declared rules admit the regions' addresses and nothing else
        var firewall = world.wan().firewall(TwinWorld.host("us-east"));
        int serverPort = world.server("us-east").port();
        assertTrue(firewall.admitsTcp(world.wan().addresses().addressOf("gb-lon"), serverPort));
        assertTrue(!firewall.admitsTcp(java.net.InetAddress.getByName("127.0.0.2"), serverPort),
                "an address no declared rule names is dropped");
        assertTrue(!firewall.admitsTcp(world.wan().addresses().addressOf("gb-lon"), 22), "only the declared ports");
    }

    /** A storefront's answer to one order (201 stored, 503 not). */
    private static int order(io.shopdr.agent.storefront.Storefront store) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + store.address().getHostString()
                + ":" + store.address().getPort() + "/orders")).timeout(Duration.ofSeconds(20))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /**
     * The firewall fence of a failover cuts the fenced region's own nodes off their database — in the twin its
     * storefront, which reaches its database through the relay pinned to its region as production's store pods do
     * from its LKE nodes (before, it went to its database directly and kept selling behind the fence) — while the
     * other regions stay admitted; the lift admits the storefront again.
     */
    @Test
    void aFenceWrittenThroughTheLinodeApiIsEnforcedByTheRelaysAndItsLiftAdmitsAgain() throws Exception {
        TwinLinodeApi api = world.startLinodeApi();
        // as gb-lon's controller fences us-east: the real client through the WAN from gb-lon, the database named by the
        // port its rewritten config names (its relay's), the firewall id the config names
        FirewallFence fence = new FirewallFence(api.clientFrom("gb-lon"));
        long firewall = api.firewallId("us-east");
        int configuredPort = world.databaseAddressFrom("gb-lon", "us-east").getPort();
        InetAddress usEast = world.wan().addresses().addressOf("us-east");
        InetAddress gbLon = world.wan().addresses().addressOf("gb-lon");
        InetSocketAddress db = world.databaseAddress("us-east");
        var wan = world.wan();
        int serverPort = world.server("us-east").port();
        assertTrue(greets(usEast, db), "before the fence us-east's nodes reach their database");
        var store = world.startStorefront("us-east");
        store.migrate();
        assertEquals(201, order(store), "before the fence us-east's storefront stores orders");

        assertTrue(fence.apply(firewall, configuredPort, "us-east"));
        await("the fence to reach us-east's relays", () -> !wan.firewall(TwinWorld.host("us-east")).admitsTcp(usEast, serverPort));
        assertFalse(greets(usEast, db), "the fence drops us-east's own nodes: a new connection hangs");
        assertFalse(greets(usEast, world.databaseAddressFrom("us-east", "us-east")),
                "whichever relay it comes through (us-east's controller's own)");
        assertTrue(greets(gbLon, db), "gb-lon (its controller, the failback runner, replication) stays admitted");
        assertEquals(503, order(store), "us-east's storefront is cut off its database by the fence, as its nodes are");

        assertTrue(fence.lift(firewall));
        await("the lift to reach us-east's relays", () -> wan.firewall(TwinWorld.host("us-east")).admitsTcp(usEast, serverPort));
        assertTrue(greets(usEast, db), "the lift admits us-east's nodes again");
        assertEquals(201, order(store), "and its storefront");
        world.stopStorefront("us-east");
        assertEquals(api.simulator().firewallRules(firewall).map(DeclaredFirewall::inboundOf),
                Optional.of(world.spec().region().get("us-east").databaseFirewall()),
                "the API holds the declared rules again, which the relays now enforce");
    }
}
