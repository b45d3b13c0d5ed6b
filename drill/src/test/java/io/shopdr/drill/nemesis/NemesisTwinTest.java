package io.shopdr.drill.nemesis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.checker.InvariantChecker;
import io.shopdr.drill.checker.Verdict;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real twin runs of nemesis faults with the matrix's shrunk substrate, judged by the invariant checker: one observer
 * losing sight of the primary must change nothing (no failover, no demotion, no self-fencing, nothing lost); a
 * failback whose runner dies half-way must converge by the operator's re-run.
 */
class NemesisTwinTest {
    private static DrillResult drill(Fault fault, boolean semiSync, long seed) {
        Path dir = Path.of("").toAbsolutePath();
        Path root = Files.exists(dir.resolve("Pulumi.yaml")) ? dir : dir.getParent();
        TwinDrillOptions options = TwinDrillOptions.defaults(root.resolve("Pulumi.prod.yaml")).withMatrixTimings()
                .withReplication(semiSync, seed);
        return new TwinDrill(options, fault, DrillProgress.SILENT).run();
    }

    @Test
    void anObserverThatLosesSightOfThePrimaryChangesNothing() {
        DrillResult r = drill(Nemesis.fault("observer-partition"), true, 32);
        assertTrue(r.invariants().containsKey(InvariantChecker.FALSE_FAILOVER), r.invariants().toString());
        r.invariants().forEach((name, v) -> assertTrue(v.pass(), name + ": " + v.evidence()));
        assertTrue(r.ok(), r.problems() + " " + r.phases());
    }

    /**
     * failback-fault at its most telling step: the failback's runner dies right after promoting the target, leaving
     * the old primary read-only and replicating from nobody with DNS on it; the operator's re-run must converge.
     */
    @Test
    void aFailbackWhoseRunnerDiedAfterThePromotionConvergesByTheRerun() {
        DrillResult r = drill(new FailbackFault(List.of(FailbackStepFailure.PROMOTED)), false, 14);
        Verdict converged = r.invariants().get(InvariantChecker.CONVERGED);
        assertTrue(converged != null && converged.pass(), r.invariants() + " " + r.problems());
        assertTrue(converged.evidence().contains("promoted (") && converged.evidence().contains("converged by the operator's re-run"),
                converged.evidence());
        assertTrue(r.ok(), r.problems() + " " + r.phases());
    }

    /**
     * The loss budget's held branch: the standby's receiver stopped, the primary died with orders the standby never
     * received; the controller must hold until the operator's consent (the fault fails its phase otherwise), then fail
     * over and report what was lost (here unknown to the controller, exact from the old primary's rejoin). Async: the
     * stopped receiver's lag is the only sign, which the controller once took for its last value (0 s) and promoted.
     */
    @Test
    void aFailoverBeyondTheLossBudgetWaitsForTheOperatorsConsentAndReportsTheLoss() {
        DrillResult r = drill(Nemesis.fault("stalled-standby"), false, 21);
        assertTrue(r.ok(), r.problems() + " " + r.phases());
        String fault = r.phases().stream().filter(p -> p.name().startsWith("fault ")).findFirst().orElseThrow().detail();
        assertTrue(fault.contains("beyond the loss budget") && fault.contains("nothing promoted, DNS unchanged"), fault);
        String failover = r.phases().stream().filter(p -> p.name().equals("failover")).findFirst().orElseThrow().detail();
        assertTrue(failover.contains("accepted the loss"), failover);
        String restore = r.phases().stream().filter(p -> p.name().startsWith("restore ")).findFirst().orElseThrow().detail();
        assertTrue(restore.contains("rejoin refused"), "the old primary kept what the standby never received: " + restore);
        assertTrue(r.invariants().get(InvariantChecker.LOST).pass(), r.invariants().toString());
    }

    @Test
    void anUnknownFaultIsABadInputNamingTheChoices() {
        DrillException e = assertThrows(DrillException.class, () -> Nemesis.fault("meteor"));
        assertTrue(e.getMessage().contains("--fault meteor") && e.getMessage().contains("partition"), e.getMessage());
    }
}
