package io.shopdr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixRunLogTest {
    @TempDir
    Path dir;

    private static MatrixRunLog.Run run(String code, String fault, long seed, boolean ok, Long lost) {
        return new MatrixRunLog.Run(code, "abc1234", fault, "async", seed, ok, ok ? List.of() : List.of("lost orders"),
                Map.of("no_split_brain", true), 41000L, 5200L, lost, lost, 0L, "2026-12-02T18:00:00Z");
    }

    @Test
    void aResumedBenchmarkSeesOnlyTheRunsOfItsOwnCodeInTheOrderTheyFinished() {
        Path file = dir.resolve("results/matrix-runs.jsonl");
        MatrixRunLog a = new MatrixRunLog(file, "code-a");
        assertEquals(List.of(), a.runsOfThisCode(), "no log yet: nothing done");

        a.append(run("code-a", "kill", 5000, true, 0L));
        new MatrixRunLog(file, "code-b").append(run("code-b", "kill", 5001, true, 3L));
        a.append(run("code-a", "pause", 5000, false, null));

        List<MatrixRunLog.Run> again = new MatrixRunLog(file, "code-a").runsOfThisCode();
        assertEquals(List.of("kill", "pause"), again.stream().map(MatrixRunLog.Run::fault).toList());
        assertEquals(run("code-a", "pause", 5000, false, null), again.get(1), "a run reads back as it was written");
        assertEquals("?/?", again.get(1).lostVsReported(), "unknown figures stay unknown");
        assertEquals(List.of(5001L), new MatrixRunLog(file, "code-b").runsOfThisCode().stream()
                .map(MatrixRunLog.Run::seed).toList());
    }

    @Test
    void aDamagedLineIsNamedWithTheFix() throws Exception {
        Path file = dir.resolve("matrix-runs.jsonl");
        MatrixRunLog log = new MatrixRunLog(file, "code-a");
        log.append(run("code-a", "kill", 5000, true, 0L));
        Files.writeString(file, "{\"code\":\"code-a\",\"fault\":", java.nio.file.StandardOpenOption.APPEND);

        IllegalStateException e = assertThrows(IllegalStateException.class, log::runsOfThisCode);
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("fix or delete that line"), e.getMessage());
    }
}
