package io.shopdr.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HysteresisTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void startsUnknownAndNeedsThresholdsToDecide() {
        Hysteresis h = new Hysteresis(3, 2);
        assertEquals(TargetState.UNKNOWN, h.state());
        assertFalse(h.record(true, T0));
        assertEquals(TargetState.UNKNOWN, h.state());
        assertTrue(h.record(true, T0.plusSeconds(1)));
        assertEquals(TargetState.UP, h.state());
        assertEquals(T0.plusSeconds(1), h.since());
    }

    @Test
    void goesDownOnlyAfterNConsecutiveFailures() {
        Hysteresis h = new Hysteresis(3, 3);
        for (int i = 0; i < 3; i++) h.record(true, T0.plusSeconds(i));
        assertFalse(h.record(false, T0.plusSeconds(3)));
        assertFalse(h.record(false, T0.plusSeconds(4)));
        assertEquals(TargetState.UP, h.state());
        assertTrue(h.record(false, T0.plusSeconds(5)));
        assertEquals(TargetState.DOWN, h.state());
        assertEquals(T0.plusSeconds(5), h.since());
        assertFalse(h.record(false, T0.plusSeconds(6)), "staying down is not a change");
    }

    @Test
    void comesBackUpOnlyAfterMConsecutiveSuccesses() {
        Hysteresis h = new Hysteresis(1, 3);
        h.record(false, T0);
        assertEquals(TargetState.DOWN, h.state());
        h.record(true, T0.plusSeconds(1));
        h.record(true, T0.plusSeconds(2));
        assertEquals(TargetState.DOWN, h.state());
        assertTrue(h.record(true, T0.plusSeconds(3)));
        assertEquals(TargetState.UP, h.state());
    }

    @Test
    void flappingNeverChangesState() {
        Hysteresis h = new Hysteresis(3, 3);
        for (int i = 0; i < 3; i++) h.record(true, T0.plusSeconds(i));
        for (int i = 0; i < 40; i++) {
            // fail, fail, ok, fail, fail, ok ... never three in a row
            boolean ok = i % 3 == 2;
            assertFalse(h.record(ok, T0.plusSeconds(10 + i)), "change at step " + i);
        }
        assertEquals(TargetState.UP, h.state());
    }

    @Test
    void rejectsNonPositiveThresholds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Hysteresis(0, 3));
        assertTrue(e.getMessage().contains("failureThreshold"));
        e = assertThrows(IllegalArgumentException.class, () -> new Hysteresis(3, 0));
        assertTrue(e.getMessage().contains("successThreshold"));
    }
}
