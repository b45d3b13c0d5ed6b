package io.shopdr.drill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillSeriesTest {
    static DrillResult result(long rto, long lost, Long rpo) {
        return new DrillResult("local", "async", "simulated", 1, 5000L, 3000L, 3500L, 3600L, rto, 100, lost,
                List.of(), rpo, rpo, 0L, 1200L, List.of(new DrillPhase("kill", 5000, 5001, true, "")), List.of(),
                List.of(), List.of(), List.of("a", "b"), List.of("127.0.0.1", "127.0.0.2"));
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
        assertFalse(one.has("timeline"));
    }
}
