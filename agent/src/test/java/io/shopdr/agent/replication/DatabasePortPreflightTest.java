package io.shopdr.agent.replication;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabasePortPreflightTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A port nothing listens on (bound, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyPortAnsweringPassesSilently() throws Exception {
        try (ServerSocket db = new ServerSocket(0, 5, LOOPBACK)) {
            var preflight = new DatabasePortPreflight(Duration.ofSeconds(2), Optional.empty());
            assertEquals(Optional.empty(), preflight.check("us-east", Map.of("us-east", new Endpoint("127.0.0.1", db.getLocalPort()))));
        }
    }

    @Test
    void anUnreachablePortNamesTheRegionAndTheCidrToAdd() throws Exception {
        HttpServer echo = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        echo.createContext("/", ex -> {
            byte[] body = "198.51.100.23\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        echo.start();
        try (ServerSocket up = new ServerSocket(0, 5, LOOPBACK)) {
            Map<String, Endpoint> endpoints = new LinkedHashMap<>();
            endpoints.put("us-east", new Endpoint("127.0.0.1", up.getLocalPort()));
            endpoints.put("eu-west", new Endpoint("127.0.0.1", closedPort()));
            var preflight = new DatabasePortPreflight(Duration.ofSeconds(2),
                    Optional.of(URI.create("http://127.0.0.1:" + echo.getAddress().getPort() + "/")));
            var blocked = preflight.check("us-east", endpoints).orElseThrow();
            String message = blocked.message();
            assertEquals("eu-west (" + endpoints.get("eu-west") + ")", blocked.where());
            assertTrue(message.contains("cannot reach replica " + endpoints.get("eu-west") + " of region eu-west"), message);
            assertTrue(!message.contains("us-east"), "only the unreachable database is named: " + message);
            assertTrue(message.contains("pulumi config set --path 'shopdr:dbAdminCidrs[0]' 198.51.100.23/32"), message);
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void withoutAnAddressEchoTheMessageSaysHowToFindTheAddress() throws Exception {
        var preflight = new DatabasePortPreflight(Duration.ofSeconds(1), Optional.empty());
        String message = preflight.check("us-east", Map.of("us-east", new Endpoint("127.0.0.1", closedPort())))
                .orElseThrow().message();
        assertTrue(message.startsWith("cannot reach primary 127.0.0.1:"), message);
        assertTrue(message.contains("<your public IPv4>/32"), message);
        assertTrue(message.contains("curl https://checkip.amazonaws.com"), message);
    }
}
