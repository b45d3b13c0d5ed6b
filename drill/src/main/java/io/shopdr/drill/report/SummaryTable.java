package io.shopdr.drill.report;

import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import java.util.ArrayList;
import java.util.List;

/** Renders the terminal summary of a drill: one aligned two-column table, then any problems found. */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(DrillResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"mode", r.mode() + ", fault " + r.fault() + ", " + r.replication() + " replication, DNS "
                + r.dns()});
        rows.add(new String[] {"seed", Long.toString(r.seed())});
        DrillMeasurements f = r.measurements();
        rows.add(new String[] {"kill at", ms(f.killAtMs()) + " after start"});
        rows.add(new String[] {"detection", ms(f.detectionMs()) + " after kill"});
        rows.add(new String[] {"promotion", ms(f.promotionMs()) + " after kill"});
        rows.add(new String[] {"DNS switch (controller)", ms(f.dnsSwitchMs()) + " after kill"});
        rows.add(new String[] {"switch RTO (kill → zone changed)", ms(f.switchRtoMs())});
        rows.add(new String[] {"first order after kill (any client)", ms(f.firstAckAfterKillMs())});
        rows.add(new String[] {"RTO = client RTO median / p99", ms(f.clientRtoMs()) + " / " + ms(f.clientRtoP99Ms())
                + " over " + f.clients() + (f.clients() == 1 ? " client" : " clients")
                + (f.clientsNeverRecovered() > 0 ? " (" + f.clientsNeverRecovered() + " never recovered)" : "")});
        rows.add(new String[] {"acknowledged orders", Long.toString(f.ackedOrders())});
        rows.add(new String[] {"lost acknowledged orders", str(f.lostAckedOrders())});
        rows.add(new String[] {"RPO reported", f.reportedRpoTransactions().isKnown()
                ? f.reportedRpoTransactions() + " transactions, by " + f.rpoReportedBy() : "unknown: " + f.rpoUnknownReason()});
        rows.add(new String[] {"committed, never acknowledged", str(f.committedUnacknowledgedOrders())
                + " (in the RPO, not lost acknowledged orders)"});
        rows.add(new String[] {"errant transactions on old primary", str(f.errantTransactionsOnOldPrimary())});
        rows.add(new String[] {"switch back", ms(f.switchbackMs())});
        rows.add(new String[] {"lost orders after switch back", str(f.switchbackLostOrders())});
        rows.add(new String[] {"commit latency p50 / p99", ms(f.commitLatencyP50Ms()) + " / " + ms(f.commitLatencyP99Ms())
                + " (" + f.commitLatencySource() + ")"});
        rows.add(new String[] {"replication lag p99", ms(f.replicationLagP99Ms())});
        rows.add(new String[] {"world", f.regions().size() + " regions " + f.regions() + ", " + f.engineVersion()
                + ", RTT " + ms(f.rttMs()) + ", probes every " + ms(f.probeIntervalMs()) + " × " + str(f.failureThreshold())});
        if (!f.apiRequestsPerMin().isEmpty()) {
            rows.add(new String[] {"Linode API requests / min", f.apiRequestsPerMin().toString()});
        }
        r.invariants().forEach((name, v) -> rows.add(new String[] {"invariant " + name,
                (v.pass() ? "pass: " : "FAIL: ") + v.evidence()}));
        rows.add(new String[] {"result", r.ok() ? "PASS" : "FAIL"});
        StringBuilder b = new StringBuilder(table(rows));
        for (String p : r.problems()) b.append("  ! ").append(p).append('\n');
        return b.toString();
    }

    public static String render(DrillSeries s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"runs", s.runs() + " (" + s.mode() + ", " + s.replication() + ")"});
        rows.add(new String[] {"client RTO (median per run): median / p95 / max", ms(s.rtoMedian()) + " / " + ms(s.rtoP95())
                + " / " + ms(s.rtoMax())});
        rows.add(new String[] {"client RTO p99 (median over runs)", ms(s.clientRtoP99Median())});
        rows.add(new String[] {"switch RTO median / p95", ms(s.switchRtoMedian()) + " / " + ms(s.switchRtoP95())});
        rows.add(new String[] {"detection / promotion / DNS (median)", ms(s.detectionMedian()) + " / "
                + ms(s.promotionMedian()) + " / " + ms(s.dnsSwitchMedian())});
        rows.add(new String[] {"acknowledged orders (all runs)", Long.toString(s.ackedOrders())});
        rows.add(new String[] {"max lost acknowledged orders", String.valueOf(s.maxLost())});
        rows.add(new String[] {"lost (+ unacknowledged) = reported RPO, every run", s.lostEqualsReportedInEveryRun() ? "yes" : "no"});
        rows.add(new String[] {"max lost after switch back", String.valueOf(s.maxSwitchbackLost())});
        rows.add(new String[] {"result", s.ok() ? "PASS" : "FAIL"});
        return table(rows);
    }

    private static String table(List<String[]> rows) {
        int w = 0;
        for (String[] r : rows) w = Math.max(w, r[0].length());
        String rule = "+" + "-".repeat(w + 2) + "+" + "-".repeat(50) + "\n";
        StringBuilder b = new StringBuilder(rule);
        for (String[] r : rows) b.append("| ").append(String.format("%-" + w + "s", r[0])).append(" | ").append(r[1]).append('\n');
        return b.append(rule).toString();
    }

    public static String ms(Figure f) {
        return f.isKnown() ? ms(f.getAsLong()) : "—";
    }

    public static String ms(Long v) {
        if (v == null) return "—";
        return v >= 1000 ? String.format(java.util.Locale.ROOT, "%.2f s", v / 1000.0) : v + " ms";
    }

    private static String str(Figure f) {
        return f.isKnown() ? Long.toString(f.getAsLong()) : "—";
    }
}
