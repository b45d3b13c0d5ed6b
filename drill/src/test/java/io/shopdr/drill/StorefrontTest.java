package io.shopdr.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.storefront.Storefront;
import io.shopdr.agent.storefront.StorefrontException;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class StorefrontTest {
    private static MariaDbCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = MariaDbCluster.start(1);
        cluster.node(0).execute(Storefront.schemaStatements("app-pw"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void acknowledgesOnlyCommittedOrdersAndReportsDatabaseHealth() throws Exception {
        var node = cluster.node(0);
        int port = freePort();
        DrillClock clock = new DrillClock();
        try (Storefront shop = Storefront.start("r1", new InetSocketAddress("127.0.0.1", port), "127.0.0.1",
                node.port(), "app-pw")) {
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, get(http, port, "/healthz"));
            LoadGenerator load = new LoadGenerator(clock, () -> "127.0.0.1", port, 40, 2);
            load.start();
            Thread.sleep(1500);
            load.close();
            List<String> acked = load.acknowledgedIds();
            assertTrue(acked.size() >= 5, "expected orders to be acknowledged, got " + load.attempts());
            Set<String> stored = new HashSet<>();
            for (var row : node.query("SELECT id FROM shop.orders")) stored.add(row.get("id"));
            assertTrue(stored.containsAll(acked), "every acknowledged order is stored");
            assertEquals(acked.size(), shop.acceptedOrders());

            // the app user has no SUPER: read_only stops its writes
            node.execute("SET GLOBAL read_only=ON");
            int readOnlyStatus = post(http, port);
            node.execute("SET GLOBAL read_only=OFF");
            assertEquals(503, readOnlyStatus);

            node.kill();
            try {
                assertEquals(503, get(http, port, "/healthz"));
                assertEquals(503, post(http, port));
            } finally {
                node.restart();
            }
        }
    }

    @Test
    void busyPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            StorefrontException e = assertThrows(StorefrontException.class, () -> Storefront.start("r1",
                    new InetSocketAddress("127.0.0.1", taken.getLocalPort()), "127.0.0.1", 1, "x"));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
            assertTrue(e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    private static int get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int post(HttpClient http, int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
