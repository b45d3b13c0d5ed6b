package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/** /healthz and /metrics of a running witness controller (no database needed). */
class ControllerMetricsServerTest {
    @Test
    void servesPrometheusMetricsAndLiveness() throws Exception {
        try (LinodeApiSimulator linode = LinodeApiSimulator.start().addToken("t", "domains:read_write");
             FakeIngress east = new FakeIngress(); FakeIngress west = new FakeIngress()) {
            var zone = linode.addZone("shop.example.com");
            linode.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
            ControllerConfig config = ControllerConfig.builder().domain("shop.example.com").probeScheme("http")
                    .probeInterval(Duration.ofMillis(200)).failureThreshold(2).successThreshold(2).witness("witness")
                    .region(new RegionConfig("us-east", "198.51.100.1", null, east.url(), null, 0))
                    .region(new RegionConfig("eu-west", "198.51.100.2", null, west.url(), null, 0)).build();
            LinodeClient client = LinodeClient.builder().apiUrl(linode.apiUrl()).token("t").build();
            west.status(503);
            try (FailoverController c = new FailoverController(config, "witness", client, null, null, Clock.systemUTC());
                 ControllerMetricsServer server = new ControllerMetricsServer(c, null, 0)) {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + server.port());
                HttpResponse<String> before = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, before.statusCode(), "not healthy before the first cycle");

                c.start();
                ControllerFixture.await(Duration.ofSeconds(30), () -> c.localView().get("eu-west") == TargetState.DOWN
                        && c.localView().get("us-east") == TargetState.UP, () -> "views " + c.localView());
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertTrue(health.body().startsWith("ok witness PRIMARY_HEALTHY"), health.body());

                HttpResponse<String> m = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, m.statusCode());
                assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
                String body = m.body();
                for (String line : new String[] {
                        "shopdr_controller_state{observer=\"witness\",state=\"PRIMARY_HEALTHY\"} 1",
                        "shopdr_controller_state{observer=\"witness\",state=\"FAILING_OVER\"} 0",
                        "shopdr_primary_region{observer=\"witness\",region=\"us-east\"} 1",
                        "shopdr_failovers_total{observer=\"witness\"} 0",
                        "shopdr_probe_success{observer=\"witness\",region=\"us-east\"} 1",
                        "shopdr_probe_success{observer=\"witness\",region=\"eu-west\"} 0",
                        "shopdr_region_up{observer=\"witness\",region=\"eu-west\"} 0",
                        "shopdr_vote_down{voter=\"witness\",region=\"eu-west\"} 1",
                        "shopdr_vote_down{voter=\"witness\",region=\"us-east\"} 0",
                        "# TYPE shopdr_failovers_total counter"}) {
                    assertTrue(body.contains(line), "missing '" + line + "' in\n" + body);
                }
                c.stop();
                HttpResponse<String> after = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, after.statusCode(), "a stopped controller is not live");
            }
        }
    }
}
