package io.shopdr.drill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The drill's terminal keeps moving while a phase (e.g. the first database start) takes long. */
class PhaseHeartbeatTest {
    @Test
    void notesWhileAPhaseRunsAndStopsWhenItFinishes() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        DrillProgress recorder = new DrillProgress() {
            @Override public void phaseStarted(String name, long tMs) { lines.add("start " + name); }
            @Override public void phaseFinished(DrillPhase phase) { lines.add("finish " + phase.name()); }
            @Override public void note(String message, long tMs) { lines.add("note " + message); }
        };
        try (PhaseHeartbeat heartbeat = new PhaseHeartbeat(recorder, Duration.ofMillis(50))) {
            heartbeat.phaseStarted("start databases", 1000);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lines.stream().filter(l -> l.startsWith("note still start databases… ")).count() < 2) {
                assertTrue(System.nanoTime() < deadline, "no heartbeat: " + lines);
                Thread.sleep(20);
            }
            heartbeat.phaseFinished(new DrillPhase("start databases", 1000, 1200, true, ""));
            int after = lines.size();
            Thread.sleep(300);
            assertEquals(after, lines.size(), "no note after the phase finished: " + lines);
            assertEquals("start start databases", lines.get(0));
            assertEquals("finish start databases", lines.get(after - 1));
        }
    }
}
