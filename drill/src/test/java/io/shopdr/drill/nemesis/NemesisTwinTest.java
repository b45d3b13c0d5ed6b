package io.shopdr.drill.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.checker.InvariantChecker;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real twin runs of two nemesis faults with the matrix's shrunk substrate: a partitioned primary (alive, its own
 * clients ordering there) must be failed over without split brain and with lost = reported; one observer losing
 * sight of the primary must change nothing.
 */
class NemesisTwinTest {
    private static DrillResult drill(String fault, boolean semiSync, long seed) {
        Path dir = Path.of("").toAbsolutePath();
        Path root = Files.exists(dir.resolve("Pulumi.yaml")) ? dir : dir.getParent();
        TwinDrillOptions options = TwinDrillOptions.defaults(root.resolve("Pulumi.prod.yaml")).withMatrixTimings()
                .withReplication(semiSync, seed);
        return new TwinDrill(options, Nemesis.fault(fault), DrillProgress.SILENT).run();
    }

    @Test
    void aPartitionedPrimaryIsFailedOverWithoutSplitBrain() {
        DrillResult r = drill("partition", false, 31);
        JsonNode json = new ObjectMapper().valueToTree(r);
        assertEquals("partition", json.get("fault").asText());
        assertEquals(List.of(InvariantChecker.LOST, InvariantChecker.SPLIT_BRAIN, InvariantChecker.CONVERGED),
                List.copyOf(r.invariants().keySet()));
        r.invariants().forEach((name, v) -> assertTrue(v.pass(), name + ": " + v.evidence()));
        assertTrue(json.get("invariants").get(InvariantChecker.SPLIT_BRAIN).get("evidence").asText().contains("rows written by us-east"),
                "judged from the old primary's rows: " + json.get("invariants"));
        assertTrue(r.ok(), r.problems() + " " + r.phases());
    }

    @Test
    void anObserverThatLosesSightOfThePrimaryChangesNothing() {
        DrillResult r = drill("observer-partition", true, 32);
        assertTrue(r.invariants().containsKey(InvariantChecker.FALSE_FAILOVER), r.invariants().toString());
        r.invariants().forEach((name, v) -> assertTrue(v.pass(), name + ": " + v.evidence()));
        assertTrue(r.ok(), r.problems() + " " + r.phases());
    }

    @Test
    void anUnknownFaultIsABadInputNamingTheChoices() {
        DrillException e = assertThrows(DrillException.class, () -> Nemesis.fault("meteor"));
        assertTrue(e.getMessage().contains("--fault meteor") && e.getMessage().contains("partition"), e.getMessage());
    }
}
