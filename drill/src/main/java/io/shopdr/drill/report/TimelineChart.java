package io.shopdr.drill.report;

import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.drill.TimelineSample;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Draws one drill run as an SVG timeline: a lane per region's health, per observer's vote, the controller state and
 * the DNS target, then orders per second and replication lag, with vertical markers at the kill, detection,
 * promotion, DNS switch, first order after the kill and the switch back. One picture tells the story of the run.
 */
public final class TimelineChart {
    private static final int WIDTH = 1200;
    private static final double X0 = 190;
    private static final double X1 = 1170;
    private static final int LANE = 22;
    private static final int GAP = 8;
    private static final String GREEN = "#2e9d57";
    private static final String RED = "#d64545";
    private static final String GREY = "#d5d8dc";
    private static final String[] REGION_COLORS = {"#1b8a9a", "#5b4fc7", "#c76b1b", "#7a8b1b"};

    private TimelineChart() {}

    /** A labelled instant drawn across every lane. */
    public record Marker(String label, long tMs, String color) {}

    public static String render(DrillResult r) {
        List<TimelineSample> samples = r.traces().timeline();
        long endMs = Math.max(1000, samples.isEmpty() ? 1000 : samples.get(samples.size() - 1).tMs());
        for (OrderAttempt a : r.traces().attempts()) endMs = Math.max(endMs, a.answeredMs());
        // the picture starts when the load did (set-up time is in the phase table, not worth half the width)
        long startMs = samples.isEmpty() ? 0 : Math.max(0, samples.get(0).tMs() - 500);
        for (OrderAttempt a : r.traces().attempts()) startMs = Math.min(startMs, Math.max(0, a.sentMs() - 500));
        List<String> regions = r.regions();
        Set<String> observers = new LinkedHashSet<>();
        for (TimelineSample s : samples) observers.addAll(s.votes().keySet());
        Set<String> lagRegions = new LinkedHashSet<>();
        for (TimelineSample s : samples) lagRegions.addAll(s.replicationLagSec().keySet());

        int lanes = regions.size() + observers.size() + 2;
        int top = 100;
        int ordersTop = top + lanes * (LANE + GAP) + 16;
        int ordersHeight = 110;
        int lagTop = ordersTop + ordersHeight + 34;
        int lagHeight = 70;
        int height = lagTop + lagHeight + 50;
        SvgWriter svg = new SvgWriter(WIDTH, height);
        final long t0 = startMs;
        final long span = Math.max(1000, endMs - startMs);
        java.util.function.DoubleUnaryOperator x = t -> X0 + (X1 - X0) * (t - t0) / span;

        // time grid, labelled relative to the kill when there was one
        long origin = r.measurements().killAtMs().value().orElse(0);
        long step = niceStep(span);
        long first = origin - ((origin - t0) / step) * step;
        for (long t = first; t <= t0 + span; t += step) {
            double gx = x.applyAsDouble(t);
            svg.line(gx, top - 6, gx, lagTop + lagHeight, "#eceff1", 1, null);
            long rel = (t - origin) / 1000;
            String label = r.measurements().killAtMs().isUnknown() ? rel + " s" : rel == 0 ? "kill" : (rel > 0 ? "+" : "") + rel + " s";
            svg.text(gx, lagTop + lagHeight + 18, label, 11, "#555", "middle", false);
        }

        int y = top;
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            label(svg, y, "health " + region + (i == 0 ? " (primary)" : ""));
            segments(svg, samples, t0, span, y, s -> {
                Boolean h = s.healthy().get(region);
                return h == null ? GREY : h ? GREEN : RED;
            }, s -> {
                Boolean h = s.healthy().get(region);
                return region + ": " + (h == null ? "not running" : h ? "healthy" : "down");
            });
            y += LANE + GAP;
        }
        for (String obs : observers) {
            label(svg, y, obs + "'s vote on " + regions.get(0));
            segments(svg, samples, t0, span, y, s -> {
                String v = s.votes().get(obs);
                return v == null ? GREY : "down".equalsIgnoreCase(v) ? RED : "up".equalsIgnoreCase(v) ? GREEN : "#f0b429";
            }, s -> obs + " says primary is " + (s.votes().get(obs) == null ? "(no fresh vote)" : s.votes().get(obs)));
            y += LANE + GAP;
        }
        label(svg, y, "controller");
        segments(svg, samples, t0, span, y, s -> stateColor(s.controllerState()), s -> "controller: " + s.controllerState());
        changeLabels(svg, samples, t0, span, y, TimelineSample::controllerState);
        y += LANE + GAP;
        label(svg, y, "DNS points at");
        segments(svg, samples, t0, span, y, s -> {
            int idx = regionOf(r, s.dnsTarget());
            return idx < 0 ? GREY : REGION_COLORS[idx % REGION_COLORS.length];
        }, s -> "shop name → " + s.dnsTarget());
        changeLabels(svg, samples, t0, span, y, s -> {
            int idx = regionOf(r, s.dnsTarget());
            return idx < 0 ? s.dnsTarget() : regions.get(idx);
        });

        // orders per second
        TreeMap<Long, int[]> perSecond = new TreeMap<>();
        for (OrderAttempt a : r.traces().attempts()) {
            int[] c = perSecond.computeIfAbsent(a.answeredMs() / 1000, k -> new int[2]);
            c[a.acknowledged() ? 0 : 1]++;
        }
        int max = 1;
        for (int[] c : perSecond.values()) max = Math.max(max, c[0] + c[1]);
        svg.text(X0 - 10, ordersTop + 14, "orders / s", 13, "#222", "end", true);
        svg.text(X0 - 10, ordersTop + 30, "acked", 11, GREEN, "end", false);
        svg.text(X0 - 10, ordersTop + 44, "failed", 11, RED, "end", false);
        svg.line(X0, ordersTop + ordersHeight, X1, ordersTop + ordersHeight, "#999", 1, null);
        double barW = Math.max(1, (X1 - X0) * 1000.0 / span - 1);
        for (Map.Entry<Long, int[]> e : perSecond.entrySet()) {
            double bx = x.applyAsDouble(e.getKey() * 1000);
            double hOk = ordersHeight * e.getValue()[0] / (double) max;
            double hFail = ordersHeight * e.getValue()[1] / (double) max;
            String tip = (e.getKey() * 1000 - origin) / 1000 + " s after the kill: " + e.getValue()[0] + " acked, "
                    + e.getValue()[1] + " failed";
            svg.rect(bx, ordersTop + ordersHeight - hOk, barW, hOk, GREEN, tip);
            svg.rect(bx, ordersTop + ordersHeight - hOk - hFail, barW, hFail, RED, tip);
        }

        svg.text(X1 - 4, ordersTop - 4, "scale: " + max + " orders/s", 10, "#777", "end", false);

        // replication lag
        long maxLag = 1;
        for (TimelineSample s : samples) {
            for (Long l : s.replicationLagSec().values()) if (l != null) maxLag = Math.max(maxLag, l);
        }
        svg.text(X0 - 10, lagTop + 14, "replication lag", 13, "#222", "end", true);
        svg.text(X1 - 4, lagTop - 4, "scale: " + maxLag + " s behind", 10, "#777", "end", false);
        svg.line(X0, lagTop + lagHeight, X1, lagTop + lagHeight, "#999", 1, null);
        int li = 0;
        for (String region : lagRegions) {
            String color = REGION_COLORS[Math.max(0, regions.indexOf(region)) % REGION_COLORS.length];
            svg.text(X0 - 10, lagTop + 30 + 14 * li++, "replica " + region, 11, color, "end", false);
            List<double[]> run = new ArrayList<>();
            for (TimelineSample s : samples) {
                Long lag = s.replicationLagSec().get(region);
                if (lag == null) {
                    flush(svg, run, color);
                    continue;
                }
                run.add(new double[] {x.applyAsDouble(s.tMs()), lagTop + lagHeight - lagHeight * lag / (double) maxLag});
            }
            flush(svg, run, color);
        }

        // markers: labels stacked in rows so close instants (detection, promotion, DNS) stay readable
        List<Marker> markers = new ArrayList<>(markers(r));
        markers.sort(java.util.Comparator.comparingLong(Marker::tMs));
        double[] rowEnds = new double[6];
        java.util.Arrays.fill(rowEnds, -1);
        for (Marker m : markers) {
            double mx = x.applyAsDouble(m.tMs());
            double w = m.label().length() * 6.4;
            boolean right = mx + w > WIDTH - 4;
            double from = right ? mx - w : mx;
            int row = 0;
            while (row < rowEnds.length - 1 && rowEnds[row] > from - 6) row++;
            rowEnds[row] = right ? mx : mx + w;
            double ly = 16 + 14 * row;
            svg.line(mx, ly + 3, mx, lagTop + lagHeight, m.color(), 1.2, "5,3");
            svg.text(right ? mx - 3 : mx + 3, ly, m.label(), 11, m.color(), right ? "end" : "start", true);
        }
        return svg.toSvg();
    }

    /** The instants worth a vertical line: kill, detection, promotion, DNS switch, first order after the kill, … */
    public static List<Marker> markers(DrillResult r) {
        List<Marker> m = new ArrayList<>();
        DrillMeasurements f = r.measurements();
        if (f.killAtMs().isUnknown()) return m;
        long k = f.killAtMs().getAsLong();
        m.add(new Marker("kill " + r.regions().get(0), k, "#b00020"));
        if (f.detectionMs().isKnown()) m.add(new Marker("detected +" + f.detectionMs() + " ms", k + f.detectionMs().getAsLong(), "#c76b1b"));
        if (f.promotionMs().isKnown()) m.add(new Marker("promoted +" + f.promotionMs() + " ms", k + f.promotionMs().getAsLong(), "#5b4fc7"));
        if (f.dnsSwitchMs().isKnown()) m.add(new Marker("DNS switched +" + f.dnsSwitchMs() + " ms", k + f.dnsSwitchMs().getAsLong(), "#1b8a9a"));
        for (long changed : r.traces().zoneChangesMs()) {
            if (changed < k) continue;
            m.add(new Marker("zone changed", changed, "#1b8a9a"));
            if (r.traces().maxPropagationMs() > 0) {
                m.add(new Marker("propagation ended (+" + r.traces().maxPropagationMs() + " ms)",
                        changed + r.traces().maxPropagationMs(), "#7a8a1b"));
            }
        }
        if (f.firstAckAfterKillMs().isKnown()) {
            m.add(new Marker("first order +" + f.firstAckAfterKillMs() + " ms", k + f.firstAckAfterKillMs().getAsLong(), "#2e7d32"));
        }
        if (f.clientRtoMs().isKnown()) {
            m.add(new Marker("client RTO " + f.clientRtoMs() + " ms (median)", k + f.clientRtoMs().getAsLong(), "#2e7d32"));
        }
        for (DrillPhase p : r.phases()) {
            if (p.name().startsWith("restore") || p.name().startsWith("switch back")) {
                m.add(new Marker(p.name(), p.startMs(), "#555555"));
            }
        }
        return m;
    }

    private static void flush(SvgWriter svg, List<double[]> run, String color) {
        if (run.isEmpty()) return;
        double[] xs = new double[run.size()];
        double[] ys = new double[run.size()];
        for (int i = 0; i < run.size(); i++) {
            xs[i] = run.get(i)[0];
            ys[i] = run.get(i)[1];
        }
        svg.polyline(xs, ys, color, 2);
        run.clear();
    }

    private static int regionOf(DrillResult r, String target) {
        if (target == null) return -1;
        return r.ingressIps().indexOf(target);
    }

    private static void label(SvgWriter svg, int y, String text) {
        svg.text(X0 - 10, y + 15, text, 12, "#222", "end", false);
    }

    private static void segments(SvgWriter svg, List<TimelineSample> samples, long t0, long span, int y,
                                 java.util.function.Function<TimelineSample, String> color,
                                 java.util.function.Function<TimelineSample, String> title) {
        svg.rect(X0, y, X1 - X0, LANE, "#f4f5f7", null);
        for (int i = 0; i < samples.size(); i++) {
            TimelineSample s = samples.get(i);
            long end = i + 1 < samples.size() ? samples.get(i + 1).tMs() : t0 + span;
            int j = i;
            // merge equal neighbours so the page stays small and tooltips read as intervals
            while (j + 1 < samples.size() && color.apply(samples.get(j + 1)).equals(color.apply(s))
                    && title.apply(samples.get(j + 1)).equals(title.apply(s))) {
                j++;
                end = j + 1 < samples.size() ? samples.get(j + 1).tMs() : t0 + span;
            }
            double sx = X0 + (X1 - X0) * (s.tMs() - t0) / (double) span;
            double ex = X0 + (X1 - X0) * (end - t0) / (double) span;
            svg.rect(sx, y, ex - sx, LANE, color.apply(s),
                    title.apply(s) + " (" + s.tMs() / 1000.0 + "–" + end / 1000.0 + " s)");
            i = j;
        }
    }

    /** Writes each run of equal values' label inside its band, only where the band is wide enough for it. */
    private static void changeLabels(SvgWriter svg, List<TimelineSample> samples, long t0, long span, int y,
                                     java.util.function.Function<TimelineSample, String> value) {
        int i = 0;
        while (i < samples.size()) {
            String v = value.apply(samples.get(i));
            int j = i;
            while (j + 1 < samples.size() && java.util.Objects.equals(value.apply(samples.get(j + 1)), v)) j++;
            long start = samples.get(i).tMs();
            long end = j + 1 < samples.size() ? samples.get(j + 1).tMs() : t0 + span;
            double sx = X0 + (X1 - X0) * (start - t0) / (double) span;
            double ex = X0 + (X1 - X0) * (end - t0) / (double) span;
            if (v != null && !v.isEmpty() && ex - sx > v.length() * 6.2 + 6) {
                svg.text(sx + 3, y + 15, v, 10, "#ffffff", "start", true);
            }
            i = j + 1;
        }
    }

    private static String stateColor(String state) {
        if (state == null) return GREY;
        return switch (state) {
            case "PRIMARY_HEALTHY" -> GREEN;
            case "PRIMARY_SUSPECT" -> "#d9a21b";
            case "FAILING_OVER" -> "#e8833a";
            case "FAILED_OVER" -> "#3b7dd8";
            case "FAILING_BACK" -> "#8e6bd8";
            default -> "#8d99a6";
        };
    }

    private static long niceStep(long spanMs) {
        long[] steps = {1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000};
        for (long s : steps) if (spanMs / s <= 16) return s;
        return 600_000;
    }
}
