package io.shopdr.sim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeToFirstSuccessTest {
    private static final Instant KILL = Instant.parse("2026-12-01T00:00:00Z");

    private static Attempt attempt(String client, long atSeconds, boolean ok, String servedBy) {
        OrderOutcome outcome = ok ? new OrderOutcome.Acknowledged("o" + atSeconds, servedBy) : new OrderOutcome.Failed("timeout");
        return new Attempt(client, "us-east", ClientKind.JVM, KILL.plusSeconds(atSeconds), Optional.of("addr"), outcome,
                Duration.ofMillis(200));
    }

    @Test
    void eachClientsFirstAcknowledgedOrderAfterTheInstantCountsToItsEnd() {
        List<Attempt> attempts = List.of(
                attempt("a", -5, true, "us-east"),   // before the kill: not recovery
                attempt("a", 1, false, "-"),
                attempt("a", 31, true, "eu-west"),
                attempt("a", 40, true, "eu-west"),
                attempt("b", 61, true, "eu-west"),
                attempt("c", 2, false, "-"));
        Map<String, Optional<Duration>> times = TimeToFirstSuccess.perClient(attempts, KILL);
        assertEquals(Optional.of(Duration.ofMillis(31_200)), times.get("a"));
        assertEquals(Optional.of(Duration.ofMillis(61_200)), times.get("b"));
        assertEquals(Optional.empty(), times.get("c"));
    }

    @Test
    void acknowledgementsFromARegionThatDoesNotCountAreSkipped() {
        List<Attempt> attempts = List.of(attempt("a", 3, true, "us-east"), attempt("a", 9, true, "eu-west"));
        assertEquals(Optional.of(Duration.ofMillis(9_200)),
                TimeToFirstSuccess.perClient(attempts, KILL, a -> ((OrderOutcome.Acknowledged) a.outcome()).servedBy().equals("eu-west")).get("a"));
    }

    @Test
    void percentilesRankByNearestRankAndNeverRecoveredClientsRankLast() {
        List<Optional<Duration>> times = List.of(Optional.of(Duration.ofSeconds(40)), Optional.of(Duration.ofSeconds(10)),
                Optional.empty(), Optional.of(Duration.ofSeconds(30)));
        assertEquals(Optional.of(Duration.ofSeconds(30)), TimeToFirstSuccess.median(times));
        assertEquals(Optional.of(Duration.ofSeconds(10)), TimeToFirstSuccess.percentile(times, 25));
        assertEquals(Optional.of(Duration.ofSeconds(40)), TimeToFirstSuccess.percentile(times, 75));
        assertEquals(Optional.empty(), TimeToFirstSuccess.percentile(times, 99));
        assertEquals(Optional.empty(), TimeToFirstSuccess.median(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TimeToFirstSuccess.percentile(times, 0));
    }
}
