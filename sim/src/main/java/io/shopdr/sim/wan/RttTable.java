package io.shopdr.sim.wan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Round-trip times between regions, each with where it comes from. {@link #linode()} reads measured figures
 * ({@code linode-rtt.csv}) and derives the rest from great-circle distance ({@code linode-regions.csv}) at 2/3 of
 * the speed of light times a routing factor taken from the measured pairs; {@link #uniform} is {@code --rtt MS}.
 */
public final class RttTable {
    /** Light in fibre: about 2/3 c, i.e. 200 km per millisecond. */
    static final double FIBRE_KM_PER_MS = 200.0;
    /** Floor for two distinct data centres in one metro (e.g. eu-west and gb-lon, both London). */
    static final double SAME_METRO_FLOOR_MS = 1.0;

    /**
     * One figure.
     *
     * @param rtt    the round-trip time
     * @param source where the figure comes from (a measurement, a derivation, or an override)
     */
    public record RttFigure(Duration rtt, String source) {}

    private final BiFunction<String, String, RttFigure> lookup;

    private RttTable(BiFunction<String, String, RttFigure> lookup) {
        this.lookup = lookup;
    }

    /** The same round-trip time between every two distinct regions ({@code --rtt MS}). */
    public static RttTable uniform(Duration rtt) {
        Objects.requireNonNull(rtt, "rtt");
        if (rtt.isNegative()) {
            throw new IllegalArgumentException("--rtt: must be zero or more milliseconds, got " + rtt.toMillis());
        }
        RttFigure figure = new RttFigure(rtt, "--rtt override");
        return new RttTable((a, b) -> figure);
    }

    /** Linode's regions: measured where a measurement is known, else derived (see the class comment). */
    public static RttTable linode() {
        Map<String, double[]> coordinates = new HashMap<>();
        for (String[] row : read("linode-regions.csv", 4)) {
            coordinates.put(row[0], new double[] {Double.parseDouble(row[2]), Double.parseDouble(row[3])});
        }
        Map<String, RttFigure> measured = new HashMap<>();
        RttFigure sameRegion = null;
        List<Double> ratios = new ArrayList<>();
        for (String[] row : read("linode-rtt.csv", 4)) {
            double ms = Double.parseDouble(row[2]);
            RttFigure figure = new RttFigure(Duration.ofNanos((long) (ms * 1e6)), row[3]);
            if (row[0].equals("same-region")) {
                sameRegion = figure;
                continue;
            }
            measured.put(pair(row[0], row[1]), figure);
            double km = distanceKm(coordinates.get(row[0]), coordinates.get(row[1]));
            if (km > 0) {
                ratios.add(ms / (2 * km / FIBRE_KM_PER_MS));
            }
        }
        ratios.sort(null);
        double routingFactor = ratios.get(ratios.size() / 2);
        RttFigure same = Objects.requireNonNull(sameRegion, "linode-rtt.csv lacks the same-region row");
        return new RttTable((a, b) -> {
            if (a.equals(b)) {
                return same;
            }
            RttFigure known = measured.get(pair(a, b));
            if (known != null) {
                return known;
            }
            double[] ca = coordinates.get(a);
            double[] cb = coordinates.get(b);
            if (ca == null || cb == null) {
                throw new IllegalArgumentException("region: '" + (ca == null ? a : b)
                        + "' has no location in linode-regions.csv; use --rtt MS or add it");
            }
            double km = distanceKm(ca, cb);
            double ms = Math.max(SAME_METRO_FLOOR_MS, routingFactor * 2 * km / FIBRE_KM_PER_MS);
            return new RttFigure(Duration.ofNanos((long) (ms * 1e6)), String.format(java.util.Locale.ROOT,
                    "derived: %.0f km great-circle at 2/3 c x routing factor %.2f (median of the measured pairs), floor %.0f ms",
                    km, routingFactor, SAME_METRO_FLOOR_MS));
        });
    }

    /** The round-trip time between {@code a} and {@code b}. */
    public RttFigure rtt(String a, String b) {
        return lookup.apply(a, b);
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** Haversine distance on a 6,371 km sphere. */
    static double distanceKm(double[] a, double[] b) {
        double p1 = Math.toRadians(a[0]);
        double p2 = Math.toRadians(b[0]);
        double dp = p2 - p1;
        double dl = Math.toRadians(b[1] - a[1]);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6371 * Math.asin(Math.sqrt(h));
    }

    private static List<String[]> read(String resource, int columns) {
        try (InputStream in = RttTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the sim jar");
            }
            List<String[]> rows = new ArrayList<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> {
                        String[] row = l.split(",", columns);
                        row[columns - 1] = row[columns - 1].replace("\"", "");
                        rows.add(row);
                    });
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
