package io.shopdr.sim.wan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback through real relays. Timings are asserted as lower bounds only. */
class WanTest {
    private static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    private EchoServer server;
    private Wan wan;

    @BeforeEach
    void start() throws IOException {
        server = new EchoServer();
        wan = Wan.start(REGIONS, RttTable.uniform(Duration.ofMillis(200)), 42);
    }

    @AfterEach
    void stop() throws IOException {
        wan.close();
        server.close();
    }

    private Socket connectFrom(String region, Relay relay) throws IOException {
        Socket socket = new RegionBoundSocketFactory(wan.addresses(), region).createSocket();
        socket.connect(relay.address());
        socket.setSoTimeout(3_000);
        return socket;
    }

    private static byte[] roundTrip(Socket socket, byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        byte[] response = new byte[request.length];
        new DataInputStream(socket.getInputStream()).readFully(response);
        return response;
    }

    @Test
    void aRequestAndItsResponseTakeAtLeastTheRoundTripTime() throws IOException {
        Relay db = wan.expose("db-eu-west", "eu-west", server.address());
        try (Socket socket = connectFrom("us-east", db)) {
            long t0 = System.nanoTime();
            assertArrayEquals("hello".getBytes(), roundTrip(socket, "hello".getBytes()));
            long firstMs = (System.nanoTime() - t0) / 1_000_000;
            // A new connection: handshake (SYN, SYN-ACK, ACK) then the response: 4 one-way delays of 100 ms.
            assertTrue(firstMs >= 400, "first exchange took " + firstMs + " ms");
            long t1 = System.nanoTime();
            assertArrayEquals("again".getBytes(), roundTrip(socket, "again".getBytes()));
            long secondMs = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(secondMs >= 200, "second exchange took " + secondMs + " ms");
        }
        assertEquals(1, wan.counters("us-east", "eu-west").connections());
        assertEquals(10, wan.counters("us-east", "eu-west").bytes());
        assertEquals(10, wan.counters("eu-west", "us-east").bytes());
        assertEquals(0, wan.counters("ap-south", "eu-west").connections());
    }

    @Test
    void aCutLinkHangsTheConnectionAndHealingDeliversWhatWaited() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        List<WanEvent> events = new CopyOnWriteArrayList<>();
        wan.listen(events::add);
        try (Socket socket = connectFrom("us-east", db)) {
            assertArrayEquals("up".getBytes(), roundTrip(socket, "up".getBytes()));
            wan.cut("eu-west", "us-east");
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            out.write("ping".getBytes());
            out.flush();
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
            assertTrue(wan.isCut("eu-west", "us-east"));
            assertTrue(!wan.isCut("us-east", "eu-west"), "a cut is per direction");
            wan.heal("eu-west", "us-east");
            socket.setSoTimeout(3_000);
            byte[] late = new byte[4];
            new DataInputStream(socket.getInputStream()).readFully(late);
            assertArrayEquals("ping".getBytes(), late);
        }
        assertEquals(List.of(WanEvent.Kind.LINK_CUT, WanEvent.Kind.LINK_HEALED),
                events.stream().map(WanEvent::kind).filter(k -> k != WanEvent.Kind.CONNECTION_OPENED).toList());
    }

    @Test
    void aNewConnectionAcrossACutFailsAfterTheSynRetryUnlessTheLinkHealed() throws Exception {
        Relay db = fastWanInFrontOfTheServer();
        wan.isolate("eu-west");
        try (Socket socket = connectFrom("us-east", db)) {
            socket.setSoTimeout(5_000);
            long t0 = System.nanoTime();
            socket.getOutputStream().write(1);
            assertThrows(IOException.class, () -> {
                if (socket.getInputStream().read() == -1) throw new IOException("closed");
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= Relay.SYN_RETRY.toMillis() - 50 && ms < 4_000, "refused after " + ms + " ms");
        }
        try (Socket socket = connectFrom("us-east", db)) {
            Thread.sleep(200);
            wan.healAll();
            socket.setSoTimeout(5_000);
            assertArrayEquals("late".getBytes(), roundTrip(socket, "late".getBytes()), "the retried SYN got through");
        }
    }

    @Test
    void aConnectionOpenedAcrossAPartitionGetsNoBytes() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        wan.isolate("eu-west");
        try (Socket socket = connectFrom("us-east", db)) {
            socket.setSoTimeout(300);
            socket.getOutputStream().write(1);
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
        }
        assertTrue(wan.isCut("ap-south", "eu-west") && wan.isCut("eu-west", "ap-south"));
    }

    @Test
    void theFirewallDropsASourceItDoesNotAdmitAndPassesOneItDoes() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        String usEast = wan.addresses().addressOf("us-east").getHostAddress();
        wan.firewall("db-eu-west", InboundFirewall.dropByDefault(List.of(
                FirewallRule.accept("TCP", String.valueOf(server.address().getPort()), usEast + "/32"))));
        try (Socket admitted = connectFrom("us-east", db)) {
            assertArrayEquals("ok".getBytes(), roundTrip(admitted, "ok".getBytes()));
        }
        try (Socket dropped = connectFrom("ap-south", db)) {
            dropped.setSoTimeout(300);
            dropped.getOutputStream().write("hi".getBytes());
            assertThrows(SocketTimeoutException.class, () -> dropped.getInputStream().read());
        }
        assertEquals(new LinkCounters(0, 1, 1), wan.counters("ap-south", "eu-west"));
        assertEquals(0, wan.counters("us-east", "eu-west").firewallDrops());
    }

    @Test
    void aReplacedFirewallJudgesNewConnectionsAndKeepsEstablishedOnes() throws Exception {
        Relay db = fastWanInFrontOfTheServer();
        String port = String.valueOf(server.address().getPort());
        String usEast = wan.addresses().addressOf("us-east").getHostAddress() + "/32";
        wan.firewall("db-eu-west", InboundFirewall.dropByDefault(List.of(FirewallRule.accept("TCP", port, usEast))));
        try (Socket established = connectFrom("us-east", db)) {
            assertArrayEquals("before".getBytes(), roundTrip(established, "before".getBytes()));

            // a fence: us-east is dropped first, as FirewallFence writes it
            wan.firewall("db-eu-west", InboundFirewall.dropByDefault(List.of(
                    FirewallRule.of(FirewallRule.Action.DROP, "TCP", port, usEast), FirewallRule.accept("TCP", port, usEast))));
            assertArrayEquals("after".getBytes(), roundTrip(established, "after".getBytes()),
                    "a stateful firewall keeps the established flow");
            try (Socket fresh = connectFrom("us-east", db)) {
                fresh.setSoTimeout(300);
                fresh.getOutputStream().write("hi".getBytes());
                assertThrows(SocketTimeoutException.class, () -> fresh.getInputStream().read(), "a new connection gets no answer");
                fresh.setSoTimeout(5_000);
                assertThrows(IOException.class, () -> {
                    if (fresh.getInputStream().read() == -1) throw new IOException("closed");
                }, "then fails after the SYN retry, as production's connect does, not after the client's read timeout");
            }
            try (Socket liftedMeanwhile = connectFrom("us-east", db)) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (wan.counters("us-east", "eu-west").firewallDrops() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10); // until the relay has judged (and dropped) it
                }
                wan.firewall("db-eu-west", InboundFirewall.dropByDefault(List.of(FirewallRule.accept("TCP", port, usEast))));
                liftedMeanwhile.setSoTimeout(5_000);
                assertArrayEquals("retried".getBytes(), roundTrip(liftedMeanwhile, "retried".getBytes()),
                        "a fence lifted before the SYN retry lets the retried SYN through");
            }
        }
        assertEquals(2, wan.counters("us-east", "eu-west").firewallDrops());

        try (Socket lifted = connectFrom("us-east", db)) {
            assertArrayEquals("again".getBytes(), roundTrip(lifted, "again".getBytes()), "the lift admits new connections");
        }
    }

    @Test
    void bandwidthBoundsHowFastBytesCross() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        long rate = 200_000;
        wan.profile("us-east", "eu-west", wan.profile("us-east", "eu-west").withBandwidth(rate, 0));
        byte[] payload = new byte[100_000];
        new java.util.Random(1).nextBytes(payload);
        try (Socket socket = connectFrom("us-east", db)) {
            long t0 = System.nanoTime();
            assertArrayEquals(payload, roundTrip(socket, payload));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            long floorMs = payload.length * 1000L / rate;
            assertTrue(elapsedMs >= floorMs, payload.length + " bytes at " + rate + " B/s took " + elapsedMs + " ms");
        }
    }

    @Test
    void jitterNeverReordersBytes() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        wan.profile("us-east", "eu-west", wan.profile("us-east", "eu-west").withJitter(Duration.ofMillis(30)));
        wan.profile("eu-west", "us-east", wan.profile("eu-west", "us-east").withJitter(Duration.ofMillis(30)));
        byte[] sent = new byte[200];
        try (Socket socket = connectFrom("us-east", db)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) i;
                out.write(sent[i]);
                out.flush();
            }
            byte[] received = new byte[sent.length];
            new DataInputStream(socket.getInputStream()).readFully(received);
            assertArrayEquals(sent, received);
        }
    }

    @Test
    void aSourceThatCannotBindCountsAsTheAssumedRegion() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        wan.assumeLoopbackSource("db-eu-west", "ap-south");
        Relay api = wan.exposeFor("us-east", "api", "ap-south", server.address());
        try (Socket replication = new Socket(db.address().getAddress(), db.address().getPort(), InetAddress.getLoopbackAddress(), 0)) {
            replication.setSoTimeout(3_000);
            assertArrayEquals("x".getBytes(), roundTrip(replication, "x".getBytes()));
        }
        try (Socket viaPinned = new Socket(api.address().getAddress(), api.address().getPort())) {
            viaPinned.setSoTimeout(3_000);
            assertArrayEquals("y".getBytes(), roundTrip(viaPinned, "y".getBytes()));
        }
        assertEquals(1, wan.counters("ap-south", "eu-west").connections());
        assertEquals(1, wan.counters("us-east", "ap-south").connections());
    }

    @Test
    void aServerThatIsGoneClosesTheClientsConnection() throws IOException {
        Relay db = fastWanInFrontOfTheServer();
        server.close();
        try (Socket socket = connectFrom("us-east", db)) {
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void connectorJBindsToTheRegionGivenAsLocalSocketAddress() {
        Relay db = fastWanInFrontOfTheServer();
        String url = "jdbc:mysql://" + db.address().getAddress().getHostAddress() + ":" + db.address().getPort()
                + "/shop?connectTimeout=500&socketTimeout=500&localSocketAddress="
                + wan.addresses().addressOf("ap-south").getHostAddress();
        // The echo server speaks no MySQL: the handshake fails, but the relay has seen where the socket came from.
        assertThrows(java.sql.SQLException.class, () -> java.sql.DriverManager.getConnection(url, "u", "p").close());
        assertEquals(1, wan.counters("ap-south", "eu-west").connections());
    }

    @Test
    void linksBetweenUnknownRegionsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wan.cut("us-east", "mars-1"));
        assertTrue(e.getMessage().contains("mars-1"), e.getMessage());
    }

    /** A WAN with a 2 ms round trip everywhere, and a relay in eu-west in front of the echo server. */
    private Relay fastWanInFrontOfTheServer() {
        wan.close();
        wan = Wan.start(REGIONS, RttTable.uniform(Duration.ofMillis(2)), 42);
        return wan.expose("db-eu-west", "eu-west", server.address());
    }
}
