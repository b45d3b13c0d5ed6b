package io.shopdr.drill.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.report.HtmlReport;
import io.shopdr.sim.clients.ClientPopulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full drills on the twin built from the prod stack config: an asynchronous one, where the acknowledged orders
 * missing on the new primary must equal the RPO the controller reported, and a semi-synchronous one, where nothing
 * acknowledged may be lost; after the planned switch back nothing else may be missing. The test shrinks only the
 * substrate (RTT 20 ms, propagation 1 s, TTL 1 s — Linode stores it as 30 s —, TTL-honouring clients, an early kill): the program's settings
 * (probe interval, failure threshold, my.cnf, firewalls) stay production's.
 */
class TwinDrillTest {
    private static DrillResult drill(boolean semiSync, long seed) {
        TwinDrillOptions options = TwinDrillOptions.defaults(TwinWorldTest.prodStackConfig())
                .withNetwork(Optional.of(Duration.ofMillis(20)), Duration.ofSeconds(1))
                .withReplication(semiSync, seed)
                .withLoad(3, new ClientPopulation.Mix(1, 0, 0), Duration.ofMillis(300))
                .withTimings(Optional.of(1), Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(45),
                        Duration.ofSeconds(90));
        return new TwinDrill(options, Fault.KILL_REGION, DrillProgress.SILENT).run();
    }

    @Test
    void asyncThenSemiSyncDrillHoldTheirInvariants(@TempDir Path dir) throws Exception {
        DrillResult async = drill(false, 7);
        DrillMeasurements a = async.measurements();
        assertTrue(async.problems().isEmpty(), async.problems() + " " + async.phases());
        assertTrue(async.ok(), async.phases().toString());
        assertNotNull(a.rtoMs().jsonValue());
        assertNotNull(a.detectionMs().jsonValue());
        assertNotNull(a.promotionMs().jsonValue());
        assertNotNull(a.dnsSwitchMs().jsonValue());
        assertTrue(a.ackedOrders() > 0);
        // a killed asynchronous primary's final position may be unreadable: then the RPO is unknown and says why
        // (issue 14 defect 3: never a lower bound); whenever it is known, it equals what was lost
        if (a.reportedRpoTransactions().isKnown()) {
            assertEquals(a.reportedRpoTransactions().jsonValue(), a.lostAckedOrders().jsonValue(), "lost acknowledged orders = reported RPO");
        } else {
            assertNotNull(a.rpoUnknownReason(), "an unknown RPO says why");
        }
        assertEquals(0L, a.switchbackLostOrders().jsonValue());
        assertTrue(a.rtoMs().getAsLong() >= a.detectionMs().getAsLong(), "no order succeeds before the failure was even detected");
        assertTrue(a.switchRtoMs().getAsLong() >= a.detectionMs().getAsLong(), "the zone changes after detection: " + a.switchRtoMs());
        // the steady state's rate by class (a 4-6 s window: a calm controller lists the zone only every 5 s, so the
        // listings of one window can be 0; votes and keep-alives are always written), each at most half its limit
        assertEquals(java.util.Set.of("paginated_collection", "other"), a.apiRequestsPerMin().keySet());
        assertTrue(a.apiRequestsPerMin().get("other") > 0, "the controllers' requests are metered: " + a.apiRequestsPerMin());
        assertTrue(a.apiRequestsPerMin().get("paginated_collection") <= 100 && a.apiRequestsPerMin().get("other") <= 800,
                "at most half of Linode's 200 / 1,600 a minute: " + a.apiRequestsPerMin());

        JsonNode json = new ObjectMapper().valueToTree(async);
        for (String f : List.of("rto_ms", "detection_ms", "promotion_ms", "dns_switch_ms", "acked_orders",
                "lost_acked_orders", "switchback_lost_orders", "mode", "phases",
                "switch_rto_ms", "client_rto_ms", "client_rto_p99_ms", "rtt_ms", "commit_latency_p50_ms",
                "commit_latency_p99_ms", "regions", "engine_version", "probe_interval_ms", "failure_threshold",
                "api_requests_per_min")) {
            assertTrue(json.has(f) && !json.get(f).isNull(), f);
        }
        assertTrue(json.has("reported_rpo_transactions") && json.has("rpo_unknown_reason"));
        assertTrue(json.get("reported_rpo_transactions").isNull() != json.get("rpo_unknown_reason").isNull(),
                "either an RPO or the reason it is unknown: " + json);
        assertEquals("twin", json.get("mode").asText());
        assertEquals("[\"us-east\",\"gb-lon\"]", json.get("regions").toString(), "the stack's regions");
        assertEquals(1000, json.get("probe_interval_ms").asLong(), "production's probe interval, from the program");
        assertEquals(3, json.get("failure_threshold").asInt(), "production's failure threshold, from the program");
        assertTrue(json.get("engine_version").asText().contains("10.11."), json.get("engine_version").asText());
        assertEquals(json.get("client_rto_ms"), json.get("rto_ms"), "rto_ms is the client-visible median");

        // Semi-sync on the production config: nothing acknowledged is lost, the RPO is known, the switch back loses
        // nothing, and the promoted primary (no replica until the old one rejoins) keeps taking orders: production's
        // semi-sync timeout is bounded (issue 14, defect 1).
        DrillResult semi = drill(true, 8);
        assertEquals("semi-sync", semi.replication());
        assertTrue(semi.phases().stream().allMatch(p -> p.ok()), semi.phases().toString());
        assertEquals(0L, semi.measurements().lostAckedOrders().jsonValue(), "semi-sync loses no acknowledged order");
        assertEquals(0L, semi.measurements().switchbackLostOrders().jsonValue());
        assertEquals(0L, semi.measurements().reportedRpoTransactions().jsonValue(), "semi-sync knows its RPO");
        assertTrue(semi.ok(), semi.problems().toString());

        Path page = HtmlReport.write(dir, List.of(async, semi), System.currentTimeMillis());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg") && html.contains("witness-us-ord&#39;s vote on us-east") && html.contains("FAILED_OVER"), "timeline drawn");
    }
}
