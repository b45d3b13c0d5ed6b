package io.shopdr.drill.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalLong;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.drill.TimelineSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @Test
    void pageHoldsTheTimelineWithEveryLaneAndMarker(@TempDir Path dir) throws Exception {
        List<TimelineSample> samples = new ArrayList<>();
        for (long t = 0; t <= 12_000; t += 500) {
            boolean aUp = t < 5000;
            samples.add(new TimelineSample(t, Map.of("a", aUp, "b", true),
                    Map.of("b", aUp ? "up" : "down", "witness", t < 6000 ? "up" : "down"),
                    t < 7000 ? "PRIMARY_HEALTHY" : "FAILED_OVER", t < 8000 ? "127.0.0.1" : "127.0.0.2",
                    aUp ? Map.of("b", 0L) : Map.of(), Map.of("a", aUp, "b", !aUp)));
        }
        List<OrderAttempt> attempts = new ArrayList<>();
        for (long t = 0; t < 12_000; t += 100) {
            boolean ok = t < 5000 || t > 8500;
            attempts.add(new OrderAttempt(t, t + 5, ok ? "127.0.0.1" : null, ok ? "o" + t : null, ok ? null : "refused"));
        }
        Map<String, Optional<Duration>> clients = new LinkedHashMap<>();
        for (int c = 0; c < 9; c++) clients.put("client-" + c, Optional.of(Duration.ofMillis(3500 + 500L * (c - 4))));
        clients.put("client-9", Optional.empty());
        DrillMeasurements m = DrillMeasurements.builder().regions(List.of("a", "b")).killedAt(5000)
                .controllerSteps(OptionalLong.of(7000), OptionalLong.of(7600), OptionalLong.of(8000))
                .zoneChangedAt(OptionalLong.of(8000)).firstAckAt(OptionalLong.of(8600)).clientTimes(clients)
                .ackedOrders(85).loss(List.of("a-1")).reportedRpo(Figure.of(1), "the controller at the failover").errantTransactions(1)
                .switchback(Figure.of(900), 0).build();
        DrillResult r = DrillResult.builder().mode("local").replication("async").dns("simulated <zone>").seed(7)
                .measurements(m)
                .phases(List.of(new DrillPhase("restore a", 9000, 10_000, true, "rejoined"),
                        new DrillPhase("switch back to a", 10_000, 11_000, true, "")))
                .traces(new DrillResult.DrillTraces(samples, attempts, List.of(8000L), 2000))
                .ingressIps(List.of("127.0.0.1", "127.0.0.2")).build();
        Path page = HtmlReport.write(dir.resolve("out"), List.of(r), System.currentTimeMillis());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg"), "inline SVG");
        for (String s : List.of("health a (primary)", "health b", "witness&#39;s vote on a", "controller", "DNS points at",
                "orders / s", "replication lag", "kill a", "detected +2000 ms", "RTO 3500 ms", "FAILED_OVER",
                "simulated &lt;zone&gt;", "switch back to a", "time to first acknowledged order after the kill, per client",
                "1 never recovered", "zone changed", "propagation ended", "commit latency of acknowledged orders")) {
            assertTrue(html.contains(s), "missing " + s);
        }
        assertTrue(html.contains("fill=\"#d64545\""), "down intervals drawn in red");
    }
}
