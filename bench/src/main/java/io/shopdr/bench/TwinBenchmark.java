package io.shopdr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13's benchmark of the twin: N asynchronous and N semi-synchronous drill runs (default 10 + 10) at the
 * default RTT, reporting per mode
 * <ul>
 *   <li>switch RTO (kill → the zone's record changed) median / p95 against its floor: probe interval × failure
 *       threshold + promotion (the run's measured detection → promotion, median) + one API round trip (the RTT).
 *       It is issue 13's yardstick, not a strict lower bound: the first failed probe can come right after the kill,
 *       so detection can take as little as (threshold − 1) intervals and a run can beat the floor by up to one;</li>
 *   <li>client RTO (kill → each client's first acknowledged order) median / p99 (medians over runs);</li>
 *   <li>lost acknowledged orders (plus orders committed but never acknowledged) against the RPO the system
 *       reported — the controller at the failover, or the old primary's rejoin when the controller could not know —
 *       per run;</li>
 *   <li>commit latency p50 against its floor (one RTT for semi-sync: the primary waits for the replica's ack; 0 for
 *       async) and throughput (acknowledged orders per second before the kill).</li>
 * </ul>
 * It runs the drill through its Java API ({@link TwinDrill}) on the twin of Pulumi.prod.yaml at production's
 * settings and the default RTT (Linode's table), each run on its own world.
 */
public final class TwinBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path results = null;
        List<String> modes = new ArrayList<>(List.of("async", "semi-sync"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--mode" -> modes = List.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --runs N, --mode async|semi-sync, --results FILE)");
            }
        }
        if (runs < 1) throw new IllegalArgumentException("--runs: must be at least 1, got " + runs);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = json.createObjectNode().put("suite", "twin").put("runsPerMode", runs);
        boolean allOk = true;
        for (String mode : modes) {
            boolean semi = mode.equals("semi-sync");
            List<DrillResult> done = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                TwinDrillOptions options = TwinDrillOptions.defaults(Path.of("Pulumi.prod.yaml"))
                        .withReplication(semi, (semi ? 4000 : 3000) + run);
                DrillResult r = new TwinDrill(options, Fault.KILL_REGION, DrillProgress.SILENT).run();
                done.add(r);
                DrillMeasurements m = r.measurements();
                System.err.printf(Locale.ROOT, "%s run %d/%d: %s switch RTO %s ms, client RTO %s / p99 %s ms, lost %s,"
                                + " reported %s%s%n", mode, run + 1, runs, r.ok() ? "PASS" : "FAIL", m.switchRtoMs(),
                        m.clientRtoMs(), m.clientRtoP99Ms(), m.lostAckedOrders(), m.reportedRpoTransactions(),
                        r.problems().isEmpty() ? "" : " " + r.problems());
                if (!r.phases().isEmpty() && !r.phases().get(0).ok()) break; // cannot even start: stop this mode
            }
            ObjectNode summary = summarize(done, semi, json);
            out.set(mode, summary);
            allOk &= summary.path("ok").asBoolean() && done.size() == runs;
        }
        if (modes.size() == 2 && out.path("async").path("throughputPerS").isNumber()) {
            System.out.printf(Locale.ROOT, "throughput: async %.1f orders/s, semi-sync %.1f orders/s%n",
                    out.path("async").path("throughputPerS").asDouble(), out.path("semi-sync").path("throughputPerS").asDouble());
        }
        out.put("ok", allOk);
        if (results != null) Files.writeString(results, json.writeValueAsString(out));
        System.exit(allOk ? 0 : 1);
    }

    private static ObjectNode summarize(List<DrillResult> done, boolean semi, ObjectMapper json) {
        List<Long> switchRto = values(done, DrillMeasurements::switchRtoMs);
        List<Long> clientMedian = values(done, DrillMeasurements::clientRtoMs);
        List<Long> clientP99 = values(done, DrillMeasurements::clientRtoP99Ms);
        List<Long> commitP50 = values(done, DrillMeasurements::commitLatencyP50Ms);
        List<Long> promotion = new ArrayList<>();
        for (DrillResult r : done) {
            DrillMeasurements m = r.measurements();
            if (m.promotionMs().isKnown() && m.detectionMs().isKnown()) {
                promotion.add(m.promotionMs().getAsLong() - m.detectionMs().getAsLong());
            }
        }
        DrillMeasurements first = done.isEmpty() ? DrillMeasurements.builder().build() : done.get(0).measurements();
        long rtt = first.rttMs().value().orElse(0);
        long detectionFloor = first.probeIntervalMs().value().orElse(0) * first.failureThreshold().value().orElse(0);
        Figure promotionMedian = Figure.percentile(promotion, 50, "no run promoted");
        long switchFloor = detectionFloor + promotionMedian.value().orElse(0) + rtt;
        long commitFloor = semi ? rtt : 0;
        // over the runs that reached the kill (a run that failed before it has none)
        double throughput = done.stream().mapToDouble(TwinBenchmark::throughputBeforeKill).filter(Double::isFinite).average()
                .orElse(Double.NaN);
        boolean lossOk = semi
                ? done.stream().allMatch(r -> Long.valueOf(0).equals(r.measurements().lostAckedOrders().jsonValue()))
                : new io.shopdr.drill.report.DrillSeries(done).lostEqualsReportedInEveryRun();
        String mode = semi ? "semi-sync" : "async";
        System.out.printf(Locale.ROOT, "%-9s runs %d, passed %d%n", mode, done.size(), done.stream().filter(DrillResult::ok).count());
        System.out.printf(Locale.ROOT, "  switch RTO median / p95    %s / %s ms   floor %d ms (probe × threshold %d + promotion %s + API RTT %d)%n",
                Figure.percentile(switchRto, 50, "none"), Figure.percentile(switchRto, 95, "none"), switchFloor,
                detectionFloor, promotionMedian, rtt);
        System.out.printf(Locale.ROOT, "  client RTO median / p99    %s / %s ms   (medians over runs; %d clients in run 1)%n",
                Figure.percentile(clientMedian, 50, "none"), Figure.percentile(clientP99, 50, "none"), first.clients());
        System.out.printf(Locale.ROOT, "  commit latency p50         %s ms   floor %d ms (%s)%n",
                Figure.percentile(commitP50, 50, "none"), commitFloor, semi ? "one RTT" : "async: none");
        System.out.printf(Locale.ROOT, "  throughput before the kill %.1f orders/s%n", throughput);
        StringBuilder per = new StringBuilder();
        ArrayNode perRun = json.createArrayNode();
        for (DrillResult r : done) {
            DrillMeasurements m = r.measurements();
            per.append(m.lostAckedOrders().jsonValue()).append('+').append(m.committedUnacknowledgedOrders().jsonValue())
                    .append('/').append(m.reportedRpoTransactions().jsonValue()).append(' ');
            perRun.addObject().put("seed", r.seed()).put("ok", r.ok()).putPOJO("lost", m.lostAckedOrders().jsonValue())
                    .putPOJO("committedUnacknowledged", m.committedUnacknowledgedOrders().jsonValue())
                    .putPOJO("reported", m.reportedRpoTransactions().jsonValue()).put("reportedBy", m.rpoReportedBy())
                    .putPOJO("switchRtoMs", m.switchRtoMs().jsonValue()).putPOJO("clientRtoMs", m.clientRtoMs().jsonValue())
                    .putPOJO("clientRtoP99Ms", m.clientRtoP99Ms().jsonValue());
        }
        System.out.printf(Locale.ROOT, "  lost + committed-unacknowledged / reported RPO per run    %s  %s%n", per.toString().trim(), lossOk ? "ok" : "MISMATCH");
        ObjectNode s = json.createObjectNode();
        s.putPOJO("switchRtoMedianMs", Figure.percentile(switchRto, 50, "none").jsonValue())
                .putPOJO("switchRtoP95Ms", Figure.percentile(switchRto, 95, "none").jsonValue()).put("switchRtoFloorMs", switchFloor)
                .putPOJO("clientRtoMedianMs", Figure.percentile(clientMedian, 50, "none").jsonValue())
                .putPOJO("clientRtoP99Ms", Figure.percentile(clientP99, 50, "none").jsonValue())
                .putPOJO("commitLatencyP50Ms", Figure.percentile(commitP50, 50, "none").jsonValue())
                .put("commitLatencyFloorMs", commitFloor).put("throughputPerS", throughput).put("lossOk", lossOk)
                .put("ok", lossOk && done.stream().allMatch(DrillResult::ok));
        s.set("runs", perRun);
        return s;
    }

    private static List<Long> values(List<DrillResult> runs, java.util.function.Function<DrillMeasurements, Figure> f) {
        List<Long> v = new ArrayList<>();
        for (DrillResult r : runs) f.apply(r.measurements()).value().ifPresent(v::add);
        return v;
    }

    /** Acknowledged orders per second from the first order to the kill. */
    private static double throughputBeforeKill(DrillResult r) {
        if (r.measurements().killAtMs().isUnknown()) return Double.NaN;
        long kill = r.measurements().killAtMs().getAsLong();
        List<OrderAttempt> before = r.traces().attempts().stream().filter(a -> a.sentMs() < kill).toList();
        if (before.isEmpty()) return Double.NaN;
        long start = before.stream().mapToLong(OrderAttempt::sentMs).min().getAsLong();
        long acked = before.stream().filter(OrderAttempt::acknowledged).count();
        return kill > start ? acked * 1000.0 / (kill - start) : Double.NaN;
    }
}
