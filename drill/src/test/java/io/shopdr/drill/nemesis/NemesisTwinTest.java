package io.shopdr.drill.nemesis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.checker.InvariantChecker;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real twin run of a nemesis fault with the matrix's shrunk substrate: one observer losing sight of the primary
 * must change nothing (no failover, no demotion, no self-fencing, nothing lost), judged by the invariant checker.
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
