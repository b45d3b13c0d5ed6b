package io.shopdr.drill.report;

import io.shopdr.drill.DrillResult;
import java.util.ArrayList;
import java.util.List;

/** Renders the terminal summary of a drill: one aligned two-column table, then any problems found. */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(DrillResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"mode", r.mode() + ", " + r.replication() + " replication, DNS " + r.dns()});
        rows.add(new String[] {"seed", Long.toString(r.seed())});
        rows.add(new String[] {"kill at", ms(r.killAtMs()) + " after start"});
        rows.add(new String[] {"detection", ms(r.detectionMs()) + " after kill"});
        rows.add(new String[] {"promotion", ms(r.promotionMs()) + " after kill"});
        rows.add(new String[] {"DNS switch", ms(r.dnsSwitchMs()) + " after kill"});
        rows.add(new String[] {"RTO (first order after kill)", ms(r.rtoMs())});
        rows.add(new String[] {"acknowledged orders", Long.toString(r.ackedOrders())});
        rows.add(new String[] {"lost acknowledged orders", str(r.lostAckedOrders())});
        rows.add(new String[] {"RPO reported by controller", r.reportedRpoTransactions() == null ? "unknown"
                : r.reportedRpoTransactions() + " transactions"});
        rows.add(new String[] {"errant transactions on old primary", str(r.errantTransactionsOnOldPrimary())});
        rows.add(new String[] {"switch back", ms(r.switchbackMs())});
        rows.add(new String[] {"lost orders after switch back", str(r.switchbackLostOrders())});
        rows.add(new String[] {"result", r.ok() ? "PASS" : "FAIL"});
        StringBuilder b = new StringBuilder(table(rows));
        for (String p : r.problems()) b.append("  ! ").append(p).append('\n');
        return b.toString();
    }

    public static String render(DrillSeries s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"runs", s.runs() + " (" + s.mode() + ", " + s.replication() + ")"});
        rows.add(new String[] {"RTO median / p95 / max", ms(s.rtoMedian()) + " / " + ms(s.rtoP95()) + " / " + ms(s.rtoMax())});
        rows.add(new String[] {"detection / promotion / DNS (median)", ms(s.detectionMedian()) + " / "
                + ms(s.promotionMedian()) + " / " + ms(s.dnsSwitchMedian())});
        rows.add(new String[] {"acknowledged orders (all runs)", Long.toString(s.ackedOrders())});
        rows.add(new String[] {"max lost acknowledged orders", str(s.maxLost())});
        rows.add(new String[] {"lost = reported RPO in every run", s.lostEqualsReportedInEveryRun() ? "yes" : "no"});
        rows.add(new String[] {"max lost after switch back", str(s.maxSwitchbackLost())});
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

    public static String ms(Long v) {
        if (v == null) return "—";
        return v >= 1000 ? String.format(java.util.Locale.ROOT, "%.2f s", v / 1000.0) : v + " ms";
    }

    private static String str(Long v) {
        return v == null ? "—" : Long.toString(v);
    }
}
