package io.shopdr.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probes against in-process HTTP servers standing in for regions' ingresses. */
class HttpProbeTest {
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger delayMs = new AtomicInteger(0);
    private final AtomicReference<String> seenHost = new AtomicReference<>();
    private final AtomicReference<String> seenPath = new AtomicReference<>();
    private HttpProbe probe;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            seenHost.set(ex.getRequestHeaders().getFirst("Host"));
            seenPath.set(ex.getRequestURI().getPath());
            try {
                Thread.sleep(delayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        probe = new HttpProbe(Duration.ofMillis(500), Duration.ofMillis(700));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        probe.close();
    }

    private ProbeTarget target() {
        return ProbeTarget.of("us-east", "http", "127.0.0.1:" + server.getAddress().getPort(), "shop.example.com", null);
    }

    @Test
    void twoHundredIsHealthyAndSendsTheShopDomainAsHostOnTheDefaultPath() {
        ProbeResult r = probe.probe(target());
        assertTrue(r.healthy(), r.toString());
        assertEquals(200, r.status());
        assertEquals("shop.example.com", seenHost.get());
        assertEquals("/healthz", seenPath.get());
    }

    @Test
    void customPathIsUsed() {
        probe.probe(ProbeTarget.of("us-east", "http", "127.0.0.1:" + server.getAddress().getPort(), "shop.example.com", "/up"));
        assertEquals("/up", seenPath.get());
    }

    @Test
    void non2xxIsUnhealthy() {
        status.set(503);
        ProbeResult r = probe.probe(target());
        assertFalse(r.healthy());
        assertEquals(503, r.status());
        assertEquals("HTTP 503", r.error());
        status.set(302);
        assertFalse(probe.probe(target()).healthy(), "redirects are not followed and not healthy");
    }

    @Test
    void slowAnswerHitsTheReadTimeout() {
        delayMs.set(3000);
        ProbeResult r = probe.probe(target());
        assertFalse(r.healthy());
        assertEquals(0, r.status());
        assertTrue(r.error().contains("within 700 ms"), r.error());
    }

    @Test
    void closedPortIsUnhealthyWithAReadableError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProbeResult r = probe.probe(new ProbeTarget("eu-west", URI.create("http://127.0.0.1:" + port + "/healthz"), "shop.example.com"));
        assertFalse(r.healthy());
        assertTrue(r.error().contains("127.0.0.1:" + port), r.error());
    }

    @Test
    void probeAllKeepsOrderAndRunsConcurrently() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        delayMs.set(300);
        List<ProbeResult> rs = probe.probeAll(List.of(target(),
                new ProbeTarget("eu-west", URI.create("http://127.0.0.1:" + dead + "/healthz"), "shop.example.com"),
                ProbeTarget.of("ap-south", "http", "127.0.0.1:" + server.getAddress().getPort(), "shop.example.com", null)));
        assertEquals(List.of("us-east", "eu-west", "ap-south"), rs.stream().map(ProbeResult::region).toList());
        assertTrue(rs.get(0).healthy());
        assertFalse(rs.get(1).healthy());
        assertTrue(rs.get(2).healthy());
    }

    @Test
    void rejectsNonHttpUrlsNamingTheRegion() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ProbeTarget("eu-west", URI.create("ftp://1.2.3.4/"), "shop.example.com"));
        assertTrue(e.getMessage().contains("eu-west"), e.getMessage());
    }
}
