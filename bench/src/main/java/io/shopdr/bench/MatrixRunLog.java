package io.shopdr.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.checker.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault matrix benchmark's run log: one JSON line per finished drill run, appended as soon as the run ends, under
 * the identity of the code it ran ({@code code}: a hash of every file a drill runs, tests and prose excluded, computed
 * by {@code bench/run}). Five seeds of every cell take longer than one working session on a 2-core machine; with the
 * log, a benchmark that is cut off keeps what it finished, a re-run of the same code carries on where it stopped, and
 * the summary is over every run of that code. Runs of other code stay in the file as history and are never mixed into a summary.
 */
final class MatrixRunLog {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One finished run: its cell, its seed, whether it passed, each invariant's verdict and the headline figures. */
    record Run(@JsonProperty("code") String code, @JsonProperty("commit") String commit,
               @JsonProperty("fault") String fault, @JsonProperty("mode") String mode, @JsonProperty("seed") long seed,
               @JsonProperty("ok") boolean ok, @JsonProperty("problems") List<String> problems,
               @JsonProperty("invariants") Map<String, Boolean> invariants,
               @JsonProperty("client_rto_ms") Long clientRtoMs, @JsonProperty("switch_rto_ms") Long switchRtoMs,
               @JsonProperty("lost") Long lost, @JsonProperty("reported") Long reported,
               @JsonProperty("committed_unacknowledged") Long committedUnacknowledged,
               @JsonProperty("finished") String finished) {
        Run {
            problems = problems == null ? List.of() : List.copyOf(problems);
            invariants = invariants == null ? Map.of() : new LinkedHashMap<>(invariants);
        }

        static Run of(String code, String commit, String fault, String mode, long seed, DrillResult r, Instant finished) {
            Map<String, Boolean> held = new LinkedHashMap<>();
            for (Map.Entry<String, Verdict> e : r.invariants().entrySet()) held.put(e.getKey(), e.getValue().pass());
            DrillMeasurements m = r.measurements();
            return new Run(code, commit, fault, mode, seed, r.ok(), r.problems(), held, m.clientRtoMs().jsonValue(),
                    m.switchRtoMs().jsonValue(), m.lostAckedOrders().jsonValue(), m.reportedRpoTransactions().jsonValue(),
                    m.committedUnacknowledgedOrders().jsonValue(), finished.toString());
        }

        boolean isOf(String cellFault, String cellMode) {
            return fault.equals(cellFault) && mode.equals(cellMode);
        }

        /** "lost/reported", each figure or "?" when unknown. */
        String lostVsReported() {
            return (lost == null ? "?" : lost.toString()) + "/" + (reported == null ? "?" : reported.toString());
        }
    }

    private final Path file;
    private final String code;

    MatrixRunLog(Path file, String code) {
        this.file = file;
        this.code = code;
    }

    /** Every logged run of this log's code, in the order they finished; none when the file does not exist yet. */
    List<Run> runsOfThisCode() {
        if (!Files.exists(file)) return List.of();
        List<Run> runs = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run log " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            Run r;
            try {
                r = JSON.readValue(line, Run.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(file + " line " + (i + 1) + " is not a run record ("
                        + e.getOriginalMessage() + "); fix or delete that line", e);
            }
            if (code.equals(r.code())) runs.add(r);
        }
        return runs;
    }

    /** Appends {@code run} as one line and forces it to disk, so that a benchmark killed after this keeps it. */
    void append(Run run) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the run log " + file + ": " + e.getMessage(), e);
        }
    }
}
