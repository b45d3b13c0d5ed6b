package io.shopdr.drill.report;

import io.shopdr.drill.DrillResult;
import io.shopdr.drill.checker.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fault matrix as one table: a row per run (fault × replication mode), a column per invariant (pass / FAIL / —
 * where the fault does not check it), then RTO, lost and reported; the failing cells' evidence below.
 */
public final class MatrixTable {
    private MatrixTable() {}

    public static String render(List<DrillResult> cells) {
        TreeSet<String> names = new TreeSet<>();
        cells.forEach(c -> names.addAll(c.invariants().keySet()));
        List<String> header = new ArrayList<>(List.of("fault", "mode", "seed", "result"));
        header.addAll(names);
        header.addAll(List.of("client RTO", "switch RTO", "lost", "reported"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (DrillResult c : cells) {
            List<String> row = new ArrayList<>(List.of(c.fault(), c.replication(), Long.toString(c.seed()),
                    c.ok() ? "PASS" : "FAIL"));
            for (String n : names) {
                Verdict v = c.invariants().get(n);
                row.add(v == null ? "—" : v.pass() ? "pass" : "FAIL");
            }
            var m = c.measurements();
            row.add(SummaryTable.ms(m.clientRtoMs()));
            row.add(SummaryTable.ms(m.switchRtoMs()));
            row.add(m.lostAckedOrders().isKnown() ? Long.toString(m.lostAckedOrders().getAsLong()) : "—");
            row.add(m.reportedRpoTransactions().isKnown() ? Long.toString(m.reportedRpoTransactions().getAsLong()) : "unknown");
            rows.add(row);
        }
        int[] w = new int[header.size()];
        for (List<String> r : rows) for (int i = 0; i < r.size(); i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            b.append('|');
            for (int i = 0; i < r.size(); i++) b.append(' ').append(String.format("%-" + w[i] + "s", r.get(i))).append(" |");
            b.append('\n');
        }
        for (DrillResult c : cells) {
            for (Map.Entry<String, Verdict> e : c.invariants().entrySet()) {
                if (!e.getValue().pass()) {
                    b.append("  ! ").append(c.fault()).append(' ').append(c.replication()).append(' ').append(e.getKey())
                            .append(": ").append(e.getValue().evidence()).append('\n');
                }
            }
            c.problems().stream().filter(p -> c.invariants().keySet().stream().noneMatch(p::startsWith))
                    .forEach(p -> b.append("  ! ").append(c.fault()).append(' ').append(c.replication()).append(": ")
                            .append(p).append('\n'));
        }
        return b.toString();
    }
}
