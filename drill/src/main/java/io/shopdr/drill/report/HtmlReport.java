package io.shopdr.drill.report;

import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code DIR/index.html}: the summary, an SVG timeline per run ({@link TimelineChart}) and the phase table.
 * Self-contained (inline SVG and CSS) so a CI artifact opens anywhere.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Writes the report and returns the path of the page; a directory that cannot be created is a clear error. */
    public static Path write(Path dir, List<DrillResult> runs, long startEpochMs) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DrillException("--report " + dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>shopdr drill report</title>\n")
                .append("<style>body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1240px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccd;padding:4px 10px;")
                .append("text-align:left}th{background:#f0f2f5}.pass{color:#2e7d32;font-weight:bold}")
                .append(".fail{color:#b00020;font-weight:bold}.note{color:#666;font-size:13px}</style></head><body>\n");
        b.append("<h1>shopdr drill</h1>\n<p class=\"note\">started ").append(Instant.ofEpochMilli(startEpochMs))
                .append(" · ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" · DNS: ")
                .append(SvgWriter.escape(runs.get(0).dns())).append("</p>\n");
        if (runs.size() > 1) {
            DrillSeries s = new DrillSeries(runs);
            b.append("<h2>Distribution</h2><table>")
                    .append(row("RTO median / p95 / max", SummaryTable.ms(s.rtoMedian()) + " / " + SummaryTable.ms(s.rtoP95())
                            + " / " + SummaryTable.ms(s.rtoMax())))
                    .append(row("max lost acknowledged orders", String.valueOf(s.maxLost())))
                    .append(row("lost (+ unacknowledged) = reported RPO, every run", s.lostEqualsReportedInEveryRun() ? "yes" : "no"))
                    .append(row("max lost after switch back", String.valueOf(s.maxSwitchbackLost())))
                    .append("<tr><th>result</th><td class=\"").append(s.ok() ? "pass\">PASS" : "fail\">FAIL")
                    .append("</td></tr></table>\n");
        }
        int n = 1;
        for (DrillResult r : runs) {
            DrillMeasurements f = r.measurements();
            b.append("<h2>Run ").append(n++).append(" — ").append(SvgWriter.escape(r.replication()))
                    .append(" replication, seed ").append(r.seed()).append(" — <span class=\"")
                    .append(r.ok() ? "pass\">PASS" : "fail\">FAIL").append("</span></h2>\n<table>")
                    .append(row("client RTO median / p99 (kill → each client's first acknowledged order)",
                            SummaryTable.ms(f.clientRtoMs()) + " / " + SummaryTable.ms(f.clientRtoP99Ms())))
                    .append(row("switch RTO (kill → the zone's record changed)", SummaryTable.ms(f.switchRtoMs())))
                    .append(row("detection / promotion / DNS switch", SummaryTable.ms(f.detectionMs()) + " / "
                            + SummaryTable.ms(f.promotionMs()) + " / " + SummaryTable.ms(f.dnsSwitchMs())))
                    .append(row("acknowledged orders", Long.toString(f.ackedOrders())))
                    .append(row("lost acknowledged orders", String.valueOf(f.lostAckedOrders().jsonValue())))
                    .append(row("RPO reported", f.reportedRpoTransactions().isKnown()
                            ? f.reportedRpoTransactions() + " transactions, by " + f.rpoReportedBy() : "unknown: " + f.rpoUnknownReason()))
                    .append(row("committed, never acknowledged (in the RPO)", f.committedUnacknowledgedOrders().toString()))
                    .append(row("lost orders after the planned switch back", String.valueOf(f.switchbackLostOrders().jsonValue())))
                    .append(row("commit latency p50 / p99", SummaryTable.ms(f.commitLatencyP50Ms()) + " / "
                            + SummaryTable.ms(f.commitLatencyP99Ms()) + " (" + f.commitLatencySource() + ")"))
                    .append(row("replication lag p99", SummaryTable.ms(f.replicationLagP99Ms())))
                    .append("</table>\n");
            for (String p : r.problems()) b.append("<p class=\"fail\">").append(SvgWriter.escape(p)).append("</p>\n");
            b.append(TimelineChart.render(r));
            b.append(RecoveryCharts.timeToFirstSuccess(r));
            b.append(RecoveryCharts.commitLatencyAndLag(r));
            b.append("<p class=\"note\">Lanes: green = healthy / votes up, red = down, grey = not running or no fresh vote. "
                    + "Hover a band for its exact interval.</p>\n");
            b.append("<table><tr><th>phase</th><th>start</th><th>duration</th><th>ok</th><th>detail</th></tr>");
            for (DrillPhase p : r.phases()) {
                b.append("<tr><td>").append(SvgWriter.escape(p.name())).append("</td><td>")
                        .append(SummaryTable.ms(p.startMs())).append("</td><td>").append(SummaryTable.ms(p.durationMs()))
                        .append("</td><td class=\"").append(p.ok() ? "pass\">yes" : "fail\">no").append("</td><td>")
                        .append(SvgWriter.escape(p.detail())).append("</td></tr>");
            }
            b.append("</table>\n");
        }
        b.append("</body></html>\n");
        Path page = dir.resolve("index.html");
        try {
            Files.writeString(page, b.toString());
        } catch (IOException e) {
            throw new DrillException("--report " + dir + ": cannot write index.html (" + e.getMessage() + ")");
        }
        return page;
    }

    private static String row(String k, String v) {
        return "<tr><th>" + SvgWriter.escape(k) + "</th><td>" + SvgWriter.escape(v) + "</td></tr>";
    }
}
