package io.shopdr.drill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.StorefrontTest;
import io.shopdr.drill.report.HtmlReport;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full local drills on one pair of real MariaDB servers (shared by both runs, as {@code --runs} shares them): an
 * asynchronous one, where the acknowledged orders missing on the new primary must equal the RPO the controller
 * reported, and a semi-synchronous one, where nothing acknowledged may be lost; after the planned switch back
 * nothing else may be missing.
 */
class LocalDrillTest {
    private static MariaDbCluster databases;

    @BeforeAll
    static void start() throws Exception {
        databases = LocalDrill.startDatabases();
    }

    @AfterAll
    static void stop() {
        if (databases != null) databases.close();
    }

    private static DrillResult drill(boolean semiSync, long seed) throws Exception {
        LocalDrillOptions options = LocalDrillOptions.builder().semiSync(semiSync).seed(seed)
                .port(StorefrontTest.freePort()).killWindow(Duration.ofSeconds(2), Duration.ofSeconds(4))
                .stepTimeout(Duration.ofSeconds(90)).build();
        return new LocalDrill(options, DrillProgress.SILENT, databases).run();
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
        assertNotNull(a.reportedRpoTransactions().jsonValue(), "the controller reported an RPO");
        assertEquals(a.reportedRpoTransactions().jsonValue(), a.lostAckedOrders().jsonValue(), "lost acknowledged orders = reported RPO");
        assertEquals(0L, a.switchbackLostOrders().jsonValue());
        assertTrue(a.rtoMs().getAsLong() >= a.detectionMs().getAsLong(), "no order succeeds before the failure was even detected");
        assertTrue(a.switchRtoMs().getAsLong() >= a.detectionMs().getAsLong(), "the zone changes after detection: " + a.switchRtoMs());
        assertTrue(a.apiRequestsPerMin().get("paginated_collection") > 0, "the controllers' listings are metered: " + a.apiRequestsPerMin());

        JsonNode json = new ObjectMapper().valueToTree(async);
        for (String f : List.of("rto_ms", "detection_ms", "promotion_ms", "dns_switch_ms", "acked_orders",
                "lost_acked_orders", "reported_rpo_transactions", "switchback_lost_orders", "mode", "phases",
                "switch_rto_ms", "client_rto_ms", "client_rto_p99_ms", "rtt_ms", "commit_latency_p50_ms",
                "commit_latency_p99_ms", "regions", "engine_version", "probe_interval_ms", "failure_threshold",
                "api_requests_per_min")) {
            assertTrue(json.has(f) && !json.get(f).isNull(), f);
        }
        assertTrue(json.has("rpo_unknown_reason") && json.get("rpo_unknown_reason").isNull(), "the RPO is known");
        assertEquals("local", json.get("mode").asText());
        assertEquals(json.get("client_rto_ms"), json.get("rto_ms"), "rto_ms is the client-visible median");

        DrillResult semi = drill(true, 8);
        assertTrue(semi.ok(), semi.problems() + " " + semi.phases());
        assertEquals("semi-sync", semi.replication());
        assertEquals(0L, semi.measurements().lostAckedOrders().jsonValue(), "semi-sync loses no acknowledged order");
        assertEquals(0L, semi.measurements().switchbackLostOrders().jsonValue());

        Path page = HtmlReport.write(dir, List.of(async, semi), System.currentTimeMillis());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg") && html.contains("witness&#39;s vote on us-east") && html.contains("FAILED_OVER"), "timeline drawn");
    }
}
