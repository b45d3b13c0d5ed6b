package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's config reports every problem at once, each naming its field (the shared validation mechanism). */
class ControllerConfigValidationTest {
    @Test
    void everyProblemIsReportedAtOnceNamingItsField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ControllerConfig.builder()
                .probeScheme("ftp")
                .region(new RegionConfig("us-east", "198.51.100.1", null, null, null, 0))
                .region(new RegionConfig("US East", "198.51.100.1", null, null, null, 0))
                .witness("us-east")
                .probeInterval(Duration.ZERO)
                .failureThreshold(0)
                .holdDown(Duration.ofMinutes(-1))
                .build());
        assertEquals(List.of("domain", "probeScheme", "regions[1].name", "regions[1].ingressIp", "witnesses", "probeInterval",
                "connectTimeout", "readTimeout", "voteStaleAfter", "voteRefresh", "holdDown", "failureThreshold"),
                e.problems().stream().map(Problem::field).toList());
        assertEquals(new Problem("regions[1].ingressIp", "198.51.100.1 is shared with another region",
                "give each region its own ingress IP"), e.problems().get(3));
    }

    @Test
    void theSafetyBoundsAreReportedTogetherNamingTheFix() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ControllerConfig.builder()
                .domain("shop.example.com")
                .region(new RegionConfig("us-east", "198.51.100.1", null, null, null, 0))
                .region(new RegionConfig("eu-west", "198.51.100.2", null, null, null, 0))
                .probeInterval(Duration.ofSeconds(5)).failureThreshold(3)
                .selfFenceAfter(Duration.ofSeconds(10))
                .maxClockSkew(Duration.ofSeconds(-1))
                .lossBudgetTransactions(-1)
                .lossBudgetLag(Duration.ofSeconds(-5))
                .build());
        assertEquals(List.of("maxClockSkew", "selfFenceAfter", "lossBudgetTransactions", "lossBudgetLag"),
                e.problems().stream().map(Problem::field).toList());
        Problem fence = e.problems().get(1);
        assertEquals("set it to at least PT15S", fence.fix(), fence.toString());
        assertTrue(fence.problem().contains("shorter than the detection window failureThreshold × probeInterval (PT15S)"),
                fence.problem());
    }

    /**
     * The semi-sync timeout (ConfigureOptions) is derived from the self-fence lease of the policies the shop ships:
     * production's (probe 1 s × 3: 9.25 s) and the default (2 s × 3: 16.5 s) both fence a cut-off primary at least
     * SEMI_SYNC_FENCE_MARGIN before it would acknowledge a waiting commit; a slower policy is told so at start. Fails
     * with the former 5 s timeout.
     */
    @Test
    void theSemiSyncTimeoutOutlastsTheSelfFenceLeaseOfTheShippedPolicies() {
        for (int seconds : new int[] {1, 2}) {
            ControllerConfig c = twoRegions().probeInterval(Duration.ofSeconds(seconds)).failureThreshold(3).build();
            assertTrue(c.selfFenceBeatsSemiSyncTimeout(), "probe " + seconds + " s: lease " + c.selfFenceLease());
        }
        assertEquals(Duration.ofMillis(9_250), twoRegions().probeInterval(Duration.ofSeconds(1)).failureThreshold(3).build().selfFenceLease());
        assertEquals(Duration.ofMillis(16_500), twoRegions().probeInterval(Duration.ofSeconds(2)).failureThreshold(3).build().selfFenceLease());
        assertFalse(twoRegions().probeInterval(Duration.ofSeconds(5)).failureThreshold(3).build().selfFenceBeatsSemiSyncTimeout());
    }

    private static ControllerConfig.Builder twoRegions() {
        return ControllerConfig.builder().domain("shop.example.com")
                .region(new RegionConfig("us-east", "198.51.100.1", null, null, null, 0))
                .region(new RegionConfig("eu-west", "198.51.100.2", null, null, null, 0));
    }
}
