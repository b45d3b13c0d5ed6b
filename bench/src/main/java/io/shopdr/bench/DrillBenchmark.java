package io.shopdr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.report.DrillSeries;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The twin drill, many times (issue #7 targets): N runs with asynchronous and N with semi-synchronous replication
 * on the twin of a stack config (default Pulumi.prod.yaml: probes every 1 s x 3), each run on its own world (as
 * {@code shopdr drill --runs} does). Targets: median switch RTO (kill → the zone changed; the client-visible RTO
 * adds DNS caching and is the twin benchmark's figure) ≤ 5 s; semi-sync loses no acknowledged order in any run;
 * async loses exactly the RPO its controller reported in every run; the planned switch back loses nothing.
 */
public final class DrillBenchmark {
    private static final long RTO_TARGET_MS = 5000;

    public static void main(String[] args) throws Exception {
        int runs = 20;
        Path stackConfig = Path.of("Pulumi.prod.yaml");
        Path results = null;
        List<String> modes = new ArrayList<>(List.of("async", "semi-sync"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--stack-config" -> stackConfig = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--mode" -> modes = List.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --runs N, --mode async|semi-sync, --stack-config FILE, --results FILE)");
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = json.createObjectNode().put("suite", "drill").put("runsPerMode", runs).put("stackConfig", stackConfig.toString());
        boolean allOk = true;
        System.out.printf("%-10s %5s %6s %10s %10s %10s  %-22s %s%n", "drill", "runs", "passed", "switch med", "switch p95",
                "client med", "targets", "lost / reported RPO / switch-back lost per run");
        for (String mode : modes) {
            boolean semi = mode.equals("semi-sync");
            List<DrillResult> done = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                TwinDrillOptions options = TwinDrillOptions.defaults(stackConfig).withReplication(semi, (semi ? 2000 : 1000) + run);
                DrillResult r = new TwinDrill(options, Fault.KILL_REGION, DrillProgress.SILENT).run();
                done.add(r);
                System.err.printf("%s run %d/%d: %s switch RTO %s ms, lost %s, reported RPO %s, switch-back lost %s%s%n", mode,
                        run + 1, runs, r.ok() ? "PASS" : "FAIL", r.measurements().switchRtoMs(), r.measurements().lostAckedOrders(),
                        r.measurements().reportedRpoTransactions(), r.measurements().switchbackLostOrders(), r.problems().isEmpty() ? "" : " " + r.problems());
                if (!r.phases().isEmpty() && !r.phases().get(0).ok()) break; // cannot even start: stop this mode
            }
            DrillSeries s = new DrillSeries(done);
            boolean rtoOk = s.switchRtoMedian() != null && s.switchRtoMedian() <= RTO_TARGET_MS;
            boolean lossOk = semi ? done.stream().allMatch(r -> Objects.equals(r.measurements().lostAckedOrders().jsonValue(), 0L))
                    : s.lostEqualsReportedInEveryRun();
            boolean backOk = done.stream().allMatch(r -> Objects.equals(r.measurements().switchbackLostOrders().jsonValue(), 0L));
            allOk &= rtoOk && lossOk && backOk && done.size() == runs;
            StringBuilder per = new StringBuilder();
            for (DrillResult r : done) {
                per.append(r.measurements().lostAckedOrders()).append('/').append(r.measurements().reportedRpoTransactions())
                        .append('/').append(r.measurements().switchbackLostOrders()).append(' ');
            }
            System.out.printf("%-10s %5d %6d %10s %10s %10s  %-22s %s%n", mode, done.size(),
                    done.stream().filter(DrillResult::ok).count(), s.switchRtoMedian(), s.switchRtoP95(), s.rtoMedian(),
                    (rtoOk ? "RTO ok" : "RTO MISS") + ", " + (lossOk ? "loss ok" : "loss MISS") + ", "
                            + (backOk ? "back ok" : "back MISS"), per.toString().trim());
            ObjectNode m = out.putObject(mode);
            m.set("series", json.valueToTree(s));
            m.put("rtoTargetMs", RTO_TARGET_MS).put("rtoOk", rtoOk).put("lossOk", lossOk).put("switchbackOk", backOk);
        }
        out.put("ok", allOk);
        if (results != null) Files.writeString(results, json.writeValueAsString(out));
        System.exit(allOk ? 0 : 1);
    }
}
