package io.shopdr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import io.shopdr.drill.checker.Verdict;
import io.shopdr.drill.nemesis.Nemesis;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Arguments: {@code --runs N}, {@code --faults a,b}, {@code --mode async|semi-sync}, {@code --results FILE}.
 */
public final class MatrixBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path results = null;
        List<String> faults = Nemesis.names();
        List<String> modes = List.of("async", "semi-sync");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--faults" -> faults = List.of(args[++i].split(","));
                case "--mode" -> modes = List.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --runs N, --faults a,b, --mode async|semi-sync, --results FILE)");
            }
        }
        if (runs < 1) throw new IllegalArgumentException("--runs: must be at least 1, got " + runs);
        faults.forEach(Nemesis::fault);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = json.createObjectNode().put("suite", "matrix").put("runsPerCell", runs);
        ArrayNode cells = out.putArray("cells");
        TwinDrillOptions base = TwinDrillOptions.defaults(Path.of("Pulumi.prod.yaml")).withMatrixTimings();
        boolean allOk = true;
        for (String fault : faults) {
            for (String mode : modes) {
                List<DrillResult> done = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    DrillResult r = new TwinDrill(base.withReplication(mode.equals("semi-sync"), 5000 + run),
                            Nemesis.fault(fault), DrillProgress.SILENT).run();
                    done.add(r);
                    System.err.printf(Locale.ROOT, "%s %s run %d/%d: %s %s%n", fault, mode, run + 1, runs,
                            r.ok() ? "PASS" : "FAIL", r.problems());
                }
                ObjectNode cell = summarize(fault, mode, done, json);
                cells.add(cell);
                allOk &= cell.path("passed").asInt() == runs;
            }
        }
        out.put("ok", allOk);
        if (results != null) Files.writeString(results, json.writeValueAsString(out));
        System.exit(allOk ? 0 : 1);
    }

    private static ObjectNode summarize(String fault, String mode, List<DrillResult> done, ObjectMapper json) {
        long passed = done.stream().filter(DrillResult::ok).count();
        Map<String, Integer> held = new LinkedHashMap<>();
        for (DrillResult r : done) {
            for (Map.Entry<String, Verdict> e : r.invariants().entrySet()) {
                held.merge(e.getKey(), e.getValue().pass() ? 1 : 0, Integer::sum);
            }
        }
        List<Long> clientRto = values(done, DrillMeasurements::clientRtoMs);
        List<Long> switchRto = values(done, DrillMeasurements::switchRtoMs);
        List<String> lostVsReported = done.stream().map(r -> r.measurements().lostAckedOrders() + "/"
                + r.measurements().reportedRpoTransactions()).toList();
        System.out.printf(Locale.ROOT, "%-20s %-9s passed %d/%d  invariants held %s%n", fault, mode, passed, done.size(), held);
        System.out.printf(Locale.ROOT, "  client RTO median / p95 / max %s / %s / %s ms; switch RTO median / p95 %s / %s ms%n",
                Figure.percentile(clientRto, 50, "none"), Figure.percentile(clientRto, 95, "none"),
                Figure.percentile(clientRto, 100, "none"), Figure.percentile(switchRto, 50, "none"),
                Figure.percentile(switchRto, 95, "none"));
        System.out.printf(Locale.ROOT, "  lost/reported per run %s%n", lostVsReported);
        ObjectNode cell = json.createObjectNode().put("fault", fault).put("mode", mode).put("passed", passed);
        cell.set("invariants_held", json.valueToTree(held));
        cell.set("client_rto_ms", json.valueToTree(clientRto));
        cell.set("switch_rto_ms", json.valueToTree(switchRto));
        cell.set("lost_vs_reported", json.valueToTree(lostVsReported));
        return cell;
    }

    private static List<Long> values(List<DrillResult> done, Function<DrillMeasurements, Figure> f) {
        List<Long> v = new ArrayList<>();
        for (DrillResult r : done) {
            Figure x = f.apply(r.measurements());
            if (x.isKnown()) v.add(x.getAsLong());
        }
        return v;
    }
}
