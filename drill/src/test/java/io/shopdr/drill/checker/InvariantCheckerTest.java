package io.shopdr.drill.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Each rule of the checker on synthetic histories: one that holds and one that breaks it. */
class InvariantCheckerTest {
    private static final long T0 = 1_000_000L;
    private static final RunHistory.Control CALM = new RunHistory.Control(List.of(), 0, false, false);

    private static RunHistory failover(boolean semi, long lost, OptionalLong reported, List<RunHistory.Ack> acks,
                                       Map<String, List<RunHistory.Row>> rows) {
        return new RunHistory("partition", semi, true, "us-east", Optional.of("gb-lon"), T0, OptionalLong.of(T0 + 60_000), acks, rows, lost, reported,
                new RunHistory.Control(List.of("gb-lon"), 1, true, false), Optional.empty(), List.of());
    }

    private static RunHistory noFailover(RunHistory.Control control, Optional<RunHistory.Availability> availability,
                                         boolean semi) {
        return new RunHistory("flap", semi, false, "us-east", Optional.empty(), T0, OptionalLong.empty(), List.of(), Map.of(), 0,
                OptionalLong.empty(), control, availability, List.of());
    }

    @Test
    void lostMustEqualTheReportedRpoWhenKnown() {
        assertTrue(InvariantChecker.lost(failover(false, 3, OptionalLong.of(3), List.of(), Map.of())).pass());
        Verdict lower = InvariantChecker.lost(failover(false, 5, OptionalLong.of(3), List.of(), Map.of()));
        assertFalse(lower.pass());
        assertTrue(lower.evidence().contains("lower bound"), lower.evidence());
        assertTrue(InvariantChecker.lost(failover(false, 5, OptionalLong.empty(), List.of(), Map.of())).pass(),
                "an unknown RPO claims nothing");
    }

    @Test
    void anOrderCommittedButNeverAcknowledgedCountsInTheRpoButIsNoLostAcknowledgedOrder() {
        // us-east committed o1 (acknowledged) and o2 (its answer never came back); gb-lon received neither
        Map<String, List<RunHistory.Row>> rows = Map.of(
                "us-east", List.of(new RunHistory.Row("o0", "us-east", T0 - 500), new RunHistory.Row("o1", "us-east", T0 + 100),
                        new RunHistory.Row("o2", "us-east", T0 + 200)),
                "gb-lon", List.of(new RunHistory.Row("o0", "us-east", T0 - 500)));
        List<RunHistory.Ack> acks = List.of(new RunHistory.Ack("o0", "us-east", T0 - 520, T0 - 480),
                new RunHistory.Ack("o1", "us-east", T0 + 80, T0 + 130));
        Verdict exact = InvariantChecker.lost(failover(false, 1, OptionalLong.of(2), acks, rows));
        assertTrue(exact.pass(), exact.evidence());
        assertTrue(exact.evidence().contains("1 committed but never acknowledged"), exact.evidence());
        Verdict under = InvariantChecker.lost(failover(false, 1, OptionalLong.of(1), acks, rows));
        assertFalse(under.pass(), "a report that leaves out the unacknowledged commit is a lower bound: " + under.evidence());
        assertFalse(InvariantChecker.lost(failover(false, 1, OptionalLong.of(3), acks, rows)).pass(), "over-counted");
    }

    @Test
    void semiSyncMayLoseNothingWhateverWasReported() {
        assertTrue(InvariantChecker.lost(failover(true, 0, OptionalLong.of(0), List.of(), Map.of())).pass());
        assertFalse(InvariantChecker.lost(failover(true, 2, OptionalLong.of(2), List.of(), Map.of())).pass());
    }

    @Test
    void noFailoverMeansNothingMissingOnThePrimary() {
        RunHistory h = new RunHistory("flap", false, false, "us-east", Optional.empty(), T0, OptionalLong.empty(), List.of(), Map.of(), 1,
                OptionalLong.empty(), CALM, Optional.empty(), List.of());
        assertFalse(InvariantChecker.lost(h).pass());
    }

    @Test
    void splitBrainIsAZombieRowOrAckAfterTheNewPrimarysFirstWrite() {
        Map<String, List<RunHistory.Row>> clean = Map.of(
                "gb-lon", List.of(new RunHistory.Row("n1", "gb-lon", T0 + 5_000)),
                "us-east", List.of(new RunHistory.Row("o1", "us-east", T0 + 100)));
        List<RunHistory.Ack> acks = List.of(new RunHistory.Ack("o1", "us-east", T0 + 50, T0 + 120),
                new RunHistory.Ack("n1", "gb-lon", T0 + 4_990, T0 + 5_010));
        assertTrue(InvariantChecker.splitBrain(failover(false, 0, OptionalLong.of(0), acks, clean)).pass());

        Map<String, List<RunHistory.Row>> zombieRow = Map.of(
                "gb-lon", clean.get("gb-lon"),
                "us-east", List.of(new RunHistory.Row("o1", "us-east", T0 + 100), new RunHistory.Row("z1", "us-east", T0 + 6_000)));
        Verdict rows = InvariantChecker.splitBrain(failover(false, 0, OptionalLong.of(0), acks, zombieRow));
        assertFalse(rows.pass());
        assertTrue(rows.evidence().contains("1 rows written by us-east") && rows.evidence().contains("z1"), rows.evidence());

        List<RunHistory.Ack> zombieAck = List.of(new RunHistory.Ack("z2", "us-east", T0 + 5_500, T0 + 5_600),
                new RunHistory.Ack("n1", "gb-lon", T0 + 4_990, T0 + 5_010));
        Verdict ack = InvariantChecker.splitBrain(failover(false, 0, OptionalLong.of(0), zombieAck, clean));
        assertFalse(ack.pass(), "an order sent after the new primary's first write and acknowledged by the old one");
        assertTrue(ack.evidence().contains("z2"), ack.evidence());

        List<RunHistory.Ack> afterSwitchBack = List.of(new RunHistory.Ack("b1", "us-east", T0 + 61_000, T0 + 61_100),
                new RunHistory.Ack("n1", "gb-lon", T0 + 4_990, T0 + 5_010));
        assertTrue(InvariantChecker.splitBrain(failover(false, 0, OptionalLong.of(0), afterSwitchBack, clean)).pass(),
                "an order the old primary takes after it was restored and switched back to is no split brain");
    }

    @Test
    void unreadOldPrimaryRowsAreNoEvidenceOfSafety() {
        Map<String, List<RunHistory.Row>> onlyNew = Map.of("gb-lon", List.of(new RunHistory.Row("n1", "gb-lon", T0 + 5_000)));
        assertFalse(InvariantChecker.splitBrain(failover(false, 0, OptionalLong.of(0), List.of(), onlyNew)).pass());
    }

    @Test
    void aFaultThatMustNotFailOverMayNotMoveAnything() {
        assertTrue(InvariantChecker.falseFailover(noFailover(CALM, Optional.empty(), false)).pass());
        assertFalse(InvariantChecker.falseFailover(noFailover(new RunHistory.Control(List.of("gb-lon"), 0, false, false),
                Optional.empty(), false)).pass(), "starting a failover is already a false one");
        assertFalse(InvariantChecker.falseFailover(noFailover(new RunHistory.Control(List.of(), 0, false, true),
                Optional.empty(), false)).pass(), "a healthy primary fencing itself is a false failover");
        assertFalse(InvariantChecker.falseFailover(noFailover(new RunHistory.Control(List.of(), 0, true, false),
                Optional.empty(), false)).pass());
        assertEquals(List.of(InvariantChecker.LOST, InvariantChecker.SPLIT_BRAIN, InvariantChecker.FALSE_FAILOVER),
                List.copyOf(InvariantChecker.check(noFailover(CALM, Optional.empty(), false)).keySet()));
    }

    @Test
    void availabilityNeedsShortGapsAndUnderSemiSyncADurabilitySignal() {
        var fine = new RunHistory.Availability(Duration.ofSeconds(2), Duration.ofSeconds(8), Optional.of("degraded"));
        assertTrue(InvariantChecker.availability(noFailover(CALM, Optional.of(fine), true), fine).pass());
        var stalled = new RunHistory.Availability(Duration.ofSeconds(30), Duration.ofSeconds(8), Optional.of("degraded"));
        assertFalse(InvariantChecker.availability(noFailover(CALM, Optional.of(stalled), true), stalled).pass());
        var silent = new RunHistory.Availability(Duration.ofSeconds(2), Duration.ofSeconds(8), Optional.empty());
        Verdict v = InvariantChecker.availability(noFailover(CALM, Optional.of(silent), true), silent);
        assertFalse(v.pass());
        assertTrue(v.evidence().contains("NOT reported"), v.evidence());
        assertTrue(InvariantChecker.availability(noFailover(CALM, Optional.of(silent), false), silent).pass(),
                "async has no durability to degrade");
    }

    private static RunHistory.Convergence state(List<String> writable, String dns, Map<String, String> replicas,
                                                Map<String, String> sums, List<String> fenced, Optional<String> held) {
        return new RunHistory.Convergence(writable, dns, replicas, sums, fenced, held, Optional.empty(), "by itself");
    }

    @Test
    void convergedMeansOneUnfencedPrimaryDnsAtItReplicasRunningEqualChecksumsNothingHeld() {
        Map<String, String> running = Map.of("gb-lon", "running");
        Map<String, String> equal = Map.of("us-east", "42", "gb-lon", "42");
        var ok = state(List.of("us-east"), "us-east", running, equal, List.of("gb-lon"), Optional.empty());
        assertTrue(InvariantChecker.converged(ok).pass(), "a fenced replica is fine");
        assertFalse(InvariantChecker.converged(state(List.of("us-east", "gb-lon"), "us-east", Map.of(), equal, List.of(),
                Optional.empty())).pass(), "two writable databases");
        assertFalse(InvariantChecker.converged(state(List.of("gb-lon"), "us-east", Map.of("us-east", "running"), equal,
                List.of(), Optional.empty())).pass(), "DNS on a read-only database");
        assertFalse(InvariantChecker.converged(state(List.of("us-east"), "us-east", Map.of("gb-lon", "replication stopped"),
                equal, List.of(), Optional.empty())).pass());
        assertFalse(InvariantChecker.converged(state(List.of("us-east"), "us-east", running,
                Map.of("us-east", "42", "gb-lon", "41"), List.of(), Optional.empty())).pass());
        assertFalse(InvariantChecker.converged(state(List.of("us-east"), "us-east", running, equal, List.of("us-east"),
                Optional.empty())).pass(), "DNS on a fenced primary");
        Verdict held = InvariantChecker.converged(state(List.of("us-east"), "us-east", running, equal, List.of(),
                Optional.of("a failback gb-lon → us-east is marked started")));
        assertFalse(held.pass(), "the controllers held off automatic failover");
        assertTrue(held.evidence().contains("marked started"), held.evidence());
        Verdict semiSyncOff = InvariantChecker.converged(new RunHistory.Convergence(List.of("us-east"), "us-east", running,
                equal, List.of(), Optional.empty(), Optional.of("semi-sync run but us-east has semi-sync off"), "by itself"));
        assertFalse(semiSyncOff.pass(), "a semi-sync stack left asynchronous has not converged");
        assertTrue(semiSyncOff.evidence().endsWith("semi-sync run but us-east has semi-sync off"), semiSyncOff.evidence());
    }

    @Test
    void everyStateTheRunHadToConvergeToIsJudgedAndNamed() {
        Map<String, String> running = Map.of("gb-lon", "running");
        Map<String, String> equal = Map.of("us-east", "42", "gb-lon", "42");
        var good = new RunHistory.Convergence(List.of("us-east"), "us-east", running, equal, List.of(), Optional.empty(),
                Optional.empty(), "after zone-read: by itself");
        var bad = new RunHistory.Convergence(List.of(), "us-east", running, equal, List.of(), Optional.empty(),
                Optional.empty(), "after done-mark: by re-running the failback");
        Verdict both = InvariantChecker.converged(List.of(good, bad));
        assertFalse(both.pass());
        assertTrue(both.evidence().contains("zone-read") && both.evidence().contains("done-mark"), both.evidence());
        assertTrue(InvariantChecker.converged(List.of(good)).pass());
    }
}
