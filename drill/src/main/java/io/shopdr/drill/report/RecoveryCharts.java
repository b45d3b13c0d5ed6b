package io.shopdr.drill.report;

import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.drill.TimelineSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's recovery charts as inline SVG: the distribution of the clients' time to first success after the
 * kill (a cumulative plot: the share of clients recovered by each instant), and commit latency and replication lag
 * over the run; both marked with the kill, the moment the zone changed and the moment propagation ended (the zone
 * change plus the longest propagation delay any resolver had).
 */
public final class RecoveryCharts {
    private static final int WIDTH = 1180;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;

    private RecoveryCharts() {}

    /** The clients' time-to-first-success distribution; empty when the run recorded no clients. */
    public static String timeToFirstSuccess(DrillResult r) {
        DrillMeasurements f = r.measurements();
        List<Long> recovered = new ArrayList<>();
        for (Optional<Duration> t : f.clientTimeToFirstSuccess().values()) t.ifPresent(d -> recovered.add(d.toMillis()));
        int clients = f.clientTimeToFirstSuccess().size();
        if (clients == 0) return "";
        recovered.sort(null);
        long maxMs = recovered.isEmpty() ? 1000 : recovered.get(recovered.size() - 1);
        if (f.switchRtoMs().isKnown()) maxMs = Math.max(maxMs, f.switchRtoMs().getAsLong() + r.traces().maxPropagationMs());
        maxMs = Math.max(1000, (long) (maxMs * 1.05));
        int height = 260;
        int top = 30;
        int bottom = height - 40;
        SvgWriter svg = new SvgWriter(WIDTH, height);
        svg.text(LEFT, 18, "time to first acknowledged order after the kill, per client (" + clients + " clients"
                + (clients > recovered.size() ? ", " + (clients - recovered.size()) + " never recovered" : "") + ")",
                13, "#222", "start", true);
        axes(svg, top, bottom, maxMs, "s after kill");
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = bottom - (bottom - top) * pct / 100.0;
            svg.text(LEFT - 6, y + 4, pct + "%", 11, "#555", "end", false);
            svg.line(LEFT, y, WIDTH - RIGHT, y, "#e4e6ea", 1, null);
        }
        double[] xs = new double[recovered.size() * 2 + 1];
        double[] ys = new double[recovered.size() * 2 + 1];
        xs[0] = x(0, maxMs);
        ys[0] = bottom;
        for (int i = 0; i < recovered.size(); i++) {
            double x = x(recovered.get(i), maxMs);
            xs[2 * i + 1] = x;
            ys[2 * i + 1] = bottom - (bottom - top) * (double) i / clients;
            xs[2 * i + 2] = x;
            ys[2 * i + 2] = bottom - (bottom - top) * (double) (i + 1) / clients;
        }
        svg.polyline(xs, ys, "#2e7d32", 2);
        if (f.clientRtoMs().isKnown()) marker(svg, f.clientRtoMs().getAsLong(), maxMs, top, bottom, "median " + f.clientRtoMs() + " ms", "#2e7d32");
        zoneMarkers(svg, r, maxMs, top, bottom);
        return svg.toSvg();
    }

    /** Commit latency of acknowledged orders and replication lag over the run, on the drill's time axis (s after the kill). */
    public static String commitLatencyAndLag(DrillResult r) {
        List<OrderAttempt> acked = r.traces().attempts().stream().filter(OrderAttempt::acknowledged).toList();
        List<TimelineSample> samples = r.traces().timeline();
        if (acked.isEmpty() && samples.isEmpty()) return "";
        long start = Long.MAX_VALUE;
        long end = 0;
        for (OrderAttempt a : acked) {
            start = Math.min(start, a.sentMs());
            end = Math.max(end, a.answeredMs());
        }
        for (TimelineSample s : samples) {
            start = Math.min(start, s.tMs());
            end = Math.max(end, s.tMs());
        }
        long origin = r.measurements().killAtMs().value().orElse(start);
        long span = Math.max(1, end - start);
        int height = 330;
        SvgWriter svg = new SvgWriter(WIDTH, height);
        svg.text(LEFT, 18, "commit latency of acknowledged orders (" + r.measurements().commitLatencySource() + ")",
                13, "#222", "start", true);
        long maxLatency = Math.max(10, acked.stream().mapToLong(a -> a.answeredMs() - a.sentMs()).max().orElse(10));
        panel(svg, 30, 150, maxLatency, "ms");
        List<double[]> pts = new ArrayList<>();
        for (OrderAttempt a : acked) {
            pts.add(new double[] {tx(a.sentMs(), start, span), 150 - 120.0 * (a.answeredMs() - a.sentMs()) / maxLatency});
        }
        dots(svg, pts, "#5b4fc7");
        svg.text(LEFT, 190, "replication lag per replica (Seconds_Behind_Master, 1 s resolution)", 13, "#222", "start", true);
        long maxLag = 1000;
        for (TimelineSample s : samples) for (Long v : s.replicationLagSec().values()) if (v != null) maxLag = Math.max(maxLag, v * 1000);
        panel(svg, 200, 300, maxLag, "ms");
        List<String> replicas = samples.stream().flatMap(s -> s.replicationLagSec().keySet().stream()).distinct().toList();
        String[] colors = {"#1b8a9a", "#c76b1b", "#7a8a1b", "#b00020"};
        for (int i = 0; i < replicas.size(); i++) {
            List<double[]> lag = new ArrayList<>();
            for (TimelineSample s : samples) {
                Long v = s.replicationLagSec().get(replicas.get(i));
                if (v != null) lag.add(new double[] {tx(s.tMs(), start, span), 300 - 100.0 * v * 1000 / maxLag});
            }
            if (!lag.isEmpty()) {
                svg.polyline(lag.stream().mapToDouble(p -> p[0]).toArray(), lag.stream().mapToDouble(p -> p[1]).toArray(),
                        colors[i % colors.length], 1.5);
                svg.text(WIDTH - RIGHT, 212 + 13 * i, replicas.get(i), 11, colors[i % colors.length], "end", false);
            }
        }
        for (int s = 0; s <= 10; s++) {
            long t = start + span * s / 10;
            svg.text(tx(t, start, span), height - 8, String.format(Locale.ROOT, "%+.1f s", (t - origin) / 1000.0), 11, "#555", "middle", false);
        }
        if (r.measurements().killAtMs().isKnown()) {
            long k = r.measurements().killAtMs().getAsLong();
            svg.line(tx(k, start, span), 30, tx(k, start, span), 300, "#b00020", 1.2, "5,3");
            svg.text(tx(k, start, span) + 3, 40, "kill", 11, "#b00020", "start", true);
        }
        for (long changed : r.traces().zoneChangesMs()) {
            svg.line(tx(changed, start, span), 30, tx(changed, start, span), 300, "#1b8a9a", 1.2, "5,3");
            svg.text(tx(changed, start, span) + 3, 54, "zone changed", 11, "#1b8a9a", "start", true);
            long ended = changed + r.traces().maxPropagationMs();
            if (r.traces().maxPropagationMs() > 0 && ended <= end) {
                svg.line(tx(ended, start, span), 30, tx(ended, start, span), 300, "#7a8a1b", 1.2, "5,3");
                svg.text(tx(ended, start, span) + 3, 68, "propagation ended", 11, "#7a8a1b", "start", true);
            }
        }
        return svg.toSvg();
    }

    private static void zoneMarkers(SvgWriter svg, DrillResult r, long maxMs, int top, int bottom) {
        DrillMeasurements f = r.measurements();
        if (f.switchRtoMs().isUnknown()) return;
        long changed = f.switchRtoMs().getAsLong();
        marker(svg, changed, maxMs, top, bottom, "zone changed +" + f.switchRtoMs() + " ms", "#1b8a9a");
        if (r.traces().maxPropagationMs() > 0) {
            marker(svg, changed + r.traces().maxPropagationMs(), maxMs, top + 14, bottom,
                    "propagation ended +" + (changed + r.traces().maxPropagationMs()) + " ms", "#7a8a1b");
        }
    }

    private static void marker(SvgWriter svg, long ms, long maxMs, int top, int bottom, String label, String color) {
        double x = x(ms, maxMs);
        svg.line(x, top, x, bottom, color, 1.2, "5,3");
        boolean right = x > WIDTH * 0.7;
        svg.text(right ? x - 3 : x + 3, top + 10, label, 11, color, right ? "end" : "start", true);
    }

    private static void axes(SvgWriter svg, int top, int bottom, long maxMs, String unit) {
        svg.line(LEFT, bottom, WIDTH - RIGHT, bottom, "#888", 1, null);
        svg.line(LEFT, top, LEFT, bottom, "#888", 1, null);
        for (int s = 0; s <= 10; s++) {
            long t = maxMs * s / 10;
            svg.text(x(t, maxMs), bottom + 16, String.format(Locale.ROOT, "%.1f", t / 1000.0), 11, "#555", "middle", false);
        }
        svg.text(WIDTH - RIGHT, bottom + 32, unit, 11, "#555", "end", false);
    }

    private static void panel(SvgWriter svg, int top, int bottom, long max, String unit) {
        svg.line(LEFT, bottom, WIDTH - RIGHT, bottom, "#888", 1, null);
        svg.line(LEFT, top, LEFT, bottom, "#888", 1, null);
        svg.text(LEFT - 6, top + 10, max + " " + unit, 11, "#555", "end", false);
        svg.text(LEFT - 6, bottom, "0", 11, "#555", "end", false);
    }

    private static void dots(SvgWriter svg, List<double[]> pts, String color) {
        for (double[] p : pts) svg.rect(p[0] - 1, p[1] - 1, 2, 2, color, null);
    }

    private static double x(long ms, long maxMs) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) ms / maxMs;
    }

    private static double tx(long ms, long start, long span) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) (ms - start) / span;
    }

}
