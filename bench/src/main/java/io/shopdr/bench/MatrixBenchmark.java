package io.shopdr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import io.shopdr.drill.nemesis.Nemesis;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Issue 14's benchmark: the fault matrix, N seeds per cell (default 5), every fault × {async, semi-sync} on the twin
 * with the matrix's shrunk substrate ({@link TwinDrillOptions#withMatrixTimings()}). Per cell it prints how many
 * runs passed, each invariant's pass count, and the distributions of client RTO, switch RTO, lost and reported.
 *
 * <p>Every finished run goes at once into the run log ({@link MatrixRunLog}, {@code --log}, default
 * {@code bench/results/matrix-runs.jsonl}, kept in git) under the code's identity ({@code --code}, which
 * {@code bench/run} computes). The whole matrix takes about four hours on a 2-core machine: a re-run of the same code
 * skips the runs the log already holds, and the summary (printed, and in {@code --results}, rewritten after every
 * cell) is over every logged run of that code.
 * Arguments: {@code --runs N}, {@code --faults a,b}, {@code --mode async|semi-sync}, {@code --results FILE},
 * {@code --log FILE}, {@code --code ID}, {@code --commit SHA}.
 */
public final class MatrixBenchmark {
    /** Run k of a cell uses seed {@code SEED_BASE + k}, the same in every session, so a resumed cell adds new seeds. */
    static final long SEED_BASE = 5000;

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path results = null;
        Path log = Path.of("bench/results/matrix-runs.jsonl");
        String code = null;
        String commit = "unknown";
        List<String> faults = Nemesis.names();
        List<String> modes = List.of("async", "semi-sync");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--faults" -> faults = List.of(args[++i].split(","));
                case "--mode" -> modes = List.of(args[++i]);
                case "--log" -> log = Path.of(args[++i]);
                case "--code" -> code = args[++i];
                case "--commit" -> commit = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --runs N, --faults a,b,"
                        + " --mode async|semi-sync, --results FILE, --log FILE, --code ID, --commit SHA)");
            }
        }
        if (runs < 1) throw new IllegalArgumentException("--runs: must be at least 1, got " + runs);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("--code: the code's identity is missing; run this through bench/run, which"
                    + " computes it from the sources");
        }
        faults.forEach(Nemesis::fault);
        MatrixRunLog runLog = new MatrixRunLog(log, code);
        List<MatrixRunLog.Run> logged = new ArrayList<>(runLog.runsOfThisCode());
        System.err.printf(Locale.ROOT, "matrix: code %s, %d run(s) of it already in %s%n", code, logged.size(), log);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = json.createObjectNode().put("suite", "matrix").put("runsPerCell", runs).put("code", code)
                .put("commit", commit);
        ArrayNode cells = out.putArray("cells");
        TwinDrillOptions base = TwinDrillOptions.defaults(Path.of("Pulumi.prod.yaml")).withMatrixTimings();
        boolean allOk = true;
        for (String fault : faults) {
            for (String mode : modes) {
                for (int run = 0; run < runs; run++) {
                    long seed = SEED_BASE + run;
                    if (logged.stream().anyMatch(r -> r.isOf(fault, mode) && r.seed() == seed)) continue;
                    DrillResult r = new TwinDrill(base.withReplication(mode.equals("semi-sync"), seed),
                            Nemesis.fault(fault), DrillProgress.SILENT).run();
                    MatrixRunLog.Run done = MatrixRunLog.Run.of(code, commit, fault, mode, seed, r, Instant.now());
                    runLog.append(done);
                    logged.add(done);
                    System.err.printf(Locale.ROOT, "%s %s seed %d (%d/%d): %s %s%n", fault, mode, seed, run + 1, runs,
                            r.ok() ? "PASS" : "FAIL", r.problems());
                }
                List<MatrixRunLog.Run> cell = logged.stream().filter(r -> r.isOf(fault, mode)).toList();
                cells.add(summarize(fault, mode, cell, json));
                allOk &= cell.stream().allMatch(MatrixRunLog.Run::ok);
                out.put("ok", allOk);
                if (results != null) Files.writeString(results, json.writeValueAsString(out));
            }
        }
        System.exit(allOk ? 0 : 1);
    }

    private static ObjectNode summarize(String fault, String mode, List<MatrixRunLog.Run> done, ObjectMapper json) {
        long passed = done.stream().filter(MatrixRunLog.Run::ok).count();
        Map<String, Integer> held = new LinkedHashMap<>();
        for (MatrixRunLog.Run r : done) {
            r.invariants().forEach((name, pass) -> held.merge(name, pass ? 1 : 0, Integer::sum));
        }
        List<Long> clientRto = values(done, MatrixRunLog.Run::clientRtoMs);
        List<Long> switchRto = values(done, MatrixRunLog.Run::switchRtoMs);
        List<String> lostVsReported = done.stream().map(MatrixRunLog.Run::lostVsReported).toList();
        List<Long> seeds = done.stream().map(MatrixRunLog.Run::seed).toList();
        System.out.printf(Locale.ROOT, "%-20s %-9s passed %d/%d  invariants held %s%n", fault, mode, passed, done.size(), held);
        System.out.printf(Locale.ROOT, "  client RTO median / p95 / max %s / %s / %s ms; switch RTO median / p95 %s / %s ms%n",
                Figure.percentile(clientRto, 50, "none"), Figure.percentile(clientRto, 95, "none"),
                Figure.percentile(clientRto, 100, "none"), Figure.percentile(switchRto, 50, "none"),
                Figure.percentile(switchRto, 95, "none"));
        System.out.printf(Locale.ROOT, "  lost/reported per run (seeds %s) %s%n", seeds, lostVsReported);
        ObjectNode cell = json.createObjectNode().put("fault", fault).put("mode", mode).put("runs", done.size())
                .put("passed", passed);
        cell.set("seeds", json.valueToTree(seeds));
        cell.set("invariants_held", json.valueToTree(held));
        cell.set("client_rto_ms", json.valueToTree(clientRto));
        cell.set("switch_rto_ms", json.valueToTree(switchRto));
        cell.set("lost_vs_reported", json.valueToTree(lostVsReported));
        cell.set("failed_runs", json.valueToTree(done.stream().filter(r -> !r.ok())
                .map(r -> Map.of("seed", r.seed(), "problems", r.problems())).toList()));
        return cell;
    }

    private static List<Long> values(List<MatrixRunLog.Run> done, Function<MatrixRunLog.Run, Long> f) {
        List<Long> v = new ArrayList<>();
        for (MatrixRunLog.Run r : done) {
            Long x = f.apply(r);
            if (x != null) v.add(x);
        }
        return v;
    }
}
