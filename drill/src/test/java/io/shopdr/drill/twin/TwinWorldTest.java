package io.shopdr.drill.twin;

import io.shopdr.components.database.DatabaseCloudInit;
import io.shopdr.sim.wan.RttTable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aSourceTheFirewallDoesNotAdmitNeverReachesTheDatabase() throws Exception {
        InetSocketAddress db = world.databaseAddress("us-east");
        // from gb-lon's address (a declared peer and node address): the server greets
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(world.wan().addresses().addressOf("gb-lon"), 0));
            s.connect(db, 2000);
            s.setSoTimeout(5000);
            assertTrue(s.getInputStream().read() >= 0, "an admitted source gets the server greeting");
        }
        // from an address no region owns and no rule names (not 127.0.0.1, the only stand-in for unbound
        // processes): DROP, so the connection opens (the relay's kernel) but no byte ever arrives
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(java.net.InetAddress.getByName("127.0.0.2"), 0));
            s.connect(db, 2000);
            s.setSoTimeout(1500);
            assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read(),
                    "a source the firewall does not admit hangs, as Linode's DROP does");
        }
        // the translated firewall the relay enforces: the declared rules admit the regions' addresses and nothing else
        var firewall = world.wan().firewall(TwinWorld.host("us-east"));
        int serverPort = world.server("us-east").port();
        assertTrue(firewall.admitsTcp(world.wan().addresses().addressOf("gb-lon"), serverPort));
        assertTrue(!firewall.admitsTcp(java.net.InetAddress.getByName("127.0.0.2"), serverPort),
                "an address no declared rule names is dropped");
        assertTrue(!firewall.admitsTcp(world.wan().addresses().addressOf("gb-lon"), 22), "only the declared ports");
    }
}
