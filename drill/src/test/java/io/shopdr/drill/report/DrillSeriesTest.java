package io.shopdr.drill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillSeriesTest {
    static DrillResult result(long rto, long lost, Long rpo) {
        List<String> lostIds = new ArrayList<>();
        for (int i = 0; i < lost; i++) lostIds.add("a-" + i);
        DrillMeasurements m = DrillMeasurements.builder().regions(List.of("a", "b")).killedAt(5000)
                .controllerSteps(OptionalLong.of(8000), OptionalLong.of(8500), OptionalLong.of(8600))
                .clientTimes(Map.of("c1", Optional.of(Duration.ofMillis(rto)))).ackedOrders(100)
                .loss(lostIds).reportedRpo(rpo == null ? Figure.unknown("the controller said unknown") : Figure.of(rpo), "the controller")
                .errantTransactions(rpo == null ? 0 : rpo).switchback(Figure.of(1200), 0).build();
        return DrillResult.builder().mode("local").replication("async").dns("simulated").seed(1).measurements(m)
                .phases(List.of(new DrillPhase("kill", 5000, 5001, true, ""))).ingressIps(List.of("127.0.0.1", "127.0.0.2"))
                .build();
    }

    @Test
    void distributionsUseNearestRank() {
        List<DrillResult> runs = new ArrayList<>();
        for (long rto = 1000; rto <= 20_000; rto += 1000) runs.add(result(rto, rto == 7000 ? 2 : 0, rto == 7000 ? 2L : 0L));
        DrillSeries s = new DrillSeries(runs);
        assertEquals(10_000L, s.rtoMedian());
        assertEquals(19_000L, s.rtoP95());
        assertEquals(20_000L, s.rtoMax());
        assertEquals(2L, s.maxLost());
        assertTrue(s.lostEqualsReportedInEveryRun());
        assertNull(DrillSeries.percentile(List.of(), 50));
    }

    @Test
    void lostDifferentFromReportedIsFlaggedAndJsonCarriesTheContractFields() throws Exception {
        DrillSeries s = new DrillSeries(List.of(result(4000, 3, 1L), result(5000, 0, 0L)));
        assertFalse(s.lostEqualsReportedInEveryRun());
        JsonNode json = new ObjectMapper().valueToTree(s);
        assertEquals(4000, json.get("rto_ms").asLong());
        assertEquals(3, json.get("lost_acked_orders").asLong());
        JsonNode one = new ObjectMapper().valueToTree(result(4000, 3, null));
        for (String f : List.of("rto_ms", "detection_ms", "promotion_ms", "dns_switch_ms", "acked_orders",
                "lost_acked_orders", "reported_rpo_transactions", "switchback_lost_orders", "mode", "phases")) {
            assertTrue(one.has(f), f);
        }
        assertTrue(one.get("reported_rpo_transactions").isNull());
        assertEquals("the controller said unknown", one.get("rpo_unknown_reason").asText());
        assertEquals(3000, one.get("detection_ms").asLong());
        assertFalse(one.has("timeline"));
    }
}
