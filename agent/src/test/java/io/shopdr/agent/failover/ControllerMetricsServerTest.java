package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /healthz and /metrics of a running witness controller (no database needed), scraped over HTTP. */
class ControllerMetricsServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A witness controller (not started) with its metrics server, two ingresses and the Linode simulator. */
    private record Witness(LinodeApiSimulator linode, FakeIngress east, FakeIngress west, FailoverController controller,
                           ControllerMetricsServer server) implements AutoCloseable {
        static Witness create() throws Exception {
            LinodeApiSimulator linode = LinodeApiSimulator.start().addToken("t", "domains:read_write");
            linode.addRecord(linode.addZone("shop.example.com"), DnsRecord.of("A", "", "198.51.100.1", 30));
            FakeIngress east = new FakeIngress();
            FakeIngress west = new FakeIngress();
            ControllerConfig config = ControllerConfig.builder().domain("shop.example.com").probeScheme("http")
                    .probeInterval(Duration.ofMillis(200)).failureThreshold(2).successThreshold(2).witness("witness")
                    .region(new RegionConfig("us-east", "198.51.100.1", null, east.url(), null, 0))
                    .region(new RegionConfig("eu-west", "198.51.100.2", null, west.url(), null, 0)).build();
            LinodeClient client = LinodeClient.builder().apiUrl(linode.apiUrl()).token("t").build();
            FailoverController c = new FailoverController(config, "witness", client, null, null, Clock.systemUTC());
            return new Witness(linode, east, west, c, new ControllerMetricsServer(c, null, 0));
        }

        @Override
        public void close() {
            server.close();
            controller.close();
            east.close();
            west.close();
            linode.close();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusMetricsAndLiveness() throws Exception {
        try (Witness w = Witness.create()) {
            FailoverController c = w.controller();
            ControllerMetricsServer server = w.server();
            LinodeApiSimulator linode = w.linode();
            w.west().status(503);
            HttpResponse<String> before = get(server.port(), "/healthz");
            assertEquals(503, before.statusCode(), "not healthy before the first cycle");
            Exposition first = Exposition.scrape(server.port());
            assertFalse(first.hasMetric("shopdr_region_up"), "no verdict yet: absent, not -1\n" + first.body());
            double errorsBefore = first.series().getOrDefault("shopdr_linode_api_error_responses_total{code=\"503\"}", 0.0);

            c.start();
            ControllerFixture.await(Duration.ofSeconds(30), () -> c.localView().get("eu-west") == TargetState.DOWN
                    && c.localView().get("us-east") == TargetState.UP, () -> "views " + c.localView());
            HttpResponse<String> health = get(server.port(), "/healthz");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().startsWith("ok witness PRIMARY_HEALTHY"), health.body());

            linode.failNext(1, 503); // the next API call is answered 503 once; the client retries and counts it
            ControllerFixture.await(Duration.ofSeconds(30), () -> {
                try {
                    return Exposition.scrape(server.port()).series()
                            .getOrDefault("shopdr_linode_api_error_responses_total{code=\"503\"}", 0.0) > errorsBefore;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, () -> "the 503 was not counted");

            Exposition m = Exposition.scrape(server.port());
            assertEquals(1, m.value("shopdr_controller_state{observer=\"witness\",state=\"PRIMARY_HEALTHY\"}"));
            assertEquals(0, m.value("shopdr_controller_state{observer=\"witness\",state=\"FAILING_OVER\"}"));
            assertEquals(1, m.value("shopdr_primary_region{observer=\"witness\",region=\"us-east\"}"));
            assertEquals(0, m.value("shopdr_failovers_total{observer=\"witness\"}"));
            assertEquals(1, m.value("shopdr_probe_success{observer=\"witness\",region=\"us-east\"}"));
            assertEquals(0, m.value("shopdr_probe_success{observer=\"witness\",region=\"eu-west\"}"));
            assertEquals(0, m.value("shopdr_region_up{observer=\"witness\",region=\"eu-west\"}"));
            assertEquals(1, m.value("shopdr_region_up{observer=\"witness\",region=\"us-east\"}"));
            assertEquals(1, m.value("shopdr_vote_down{observer=\"witness\",region=\"eu-west\"}"));
            assertEquals(0, m.value("shopdr_vote_down{observer=\"witness\",region=\"us-east\"}"));
            assertTrue(m.value("shopdr_vote_age_seconds{observer=\"witness\",region=\"us-east\"}") >= 0);
            assertTrue(m.value("shopdr_probe_failures_total{observer=\"witness\",region=\"eu-west\"}") >= 2,
                    "eu-west answered 503 on every probe until DOWN (threshold 2)");
            assertFalse(m.has("shopdr_probe_failures_total{observer=\"witness\",region=\"us-east\"}"), "us-east never failed");
            assertEquals(1, m.value("shopdr_build_info{version=\"" + System.getProperty("shopdr.expectedVersion") + "\"}"));
            assertTrue(m.value("jvm_memory_used_bytes{area=\"heap\"}") > 0, "JVM metrics are exposed");
            assertEquals("counter", m.types().get("shopdr_failovers_total"), "counters are typed counter: " + m.types());
            assertEquals("counter", m.types().get("shopdr_probe_failures_total"));
            assertEquals("counter", m.types().get("shopdr_linode_api_error_responses_total"));
            assertEquals("gauge", m.types().get("shopdr_probe_duration_seconds"));
            assertTrue(m.series().entrySet().stream().filter(e -> e.getKey().startsWith("shopdr_")).allMatch(e -> e.getValue() >= 0),
                    "no -1 for unknown in shopdr's series (the JVM's max_bytes -1 is JMX's own 'undefined')\n" + m.body());

            c.stop();
            HttpResponse<String> after = get(server.port(), "/healthz");
            assertEquals(503, after.statusCode(), "a stopped controller is not live");
        }
    }

    @Test
    void healthzAnswersWhileACycleHoldsTheControllerAndWhileAScrapeIsStuck() throws Exception {
        try (Witness w = Witness.create()) {
            FailoverController c = w.controller();
            ControllerMetricsServer server = w.server();
            c.start();
            ControllerFixture.await(Duration.ofSeconds(30), () -> c.lastRound() != null, () -> "no round");

            // a cycle holds the controller's monitor for the whole of a failover
            synchronized (c) {
                assertEquals(200, get(server.port(), "/healthz").statusCode());
            }

            CountDownLatch scrapeEntered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            server.registry().register((MultiCollector) () -> {
                scrapeEntered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new MetricSnapshots();
            });
            CompletableFuture<HttpResponse<String>> stuck = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(scrapeEntered.await(10, TimeUnit.SECONDS), "the scrape started");
            assertEquals(200, get(server.port(), "/healthz").statusCode(), "liveness does not wait for a scrape");
            release.countDown();
            assertEquals(200, stuck.get(10, TimeUnit.SECONDS).statusCode());

            // a Prometheus that prefers the protobuf format (native histograms) gets it, not an error
            HttpResponse<byte[]> proto = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/metrics")).header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                    + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, proto.statusCode());
            assertTrue(proto.headers().firstValue("Content-Type").orElse("").startsWith("application/vnd.google.protobuf"),
                    proto.headers().toString());
            assertTrue(proto.body().length > 0);
        }
    }
}
