package io.shopdr.drill.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillResult;
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
        DrillResult r = new DrillResult("local", "async", "simulated <zone>", 7, 5000L, 2000L, 2600L, 3000L, 3500L, 85,
                1L, List.of("a-1"), 1L, 1L, 0L, 900L,
                List.of(new DrillPhase("restore a", 9000, 10_000, true, "rejoined"),
                        new DrillPhase("switch back to a", 10_000, 11_000, true, "")),
                List.of(), samples, attempts, List.of("a", "b"), List.of("127.0.0.1", "127.0.0.2"));
        Path page = HtmlReport.write(dir.resolve("out"), List.of(r), System.currentTimeMillis());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg"), "inline SVG");
        for (String s : List.of("health a (primary)", "health b", "witness&#39;s vote on a", "controller", "DNS points at",
                "orders / s", "replication lag", "kill a", "detected +2000 ms", "RTO 3500 ms", "FAILED_OVER",
                "simulated &lt;zone&gt;", "switch back to a")) {
            assertTrue(html.contains(s), "missing " + s);
        }
        assertTrue(html.contains("fill=\"#d64545\""), "down intervals drawn in red");
    }
}
