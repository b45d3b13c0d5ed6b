package io.shopdr.sim.wan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Round-trip times between regions, each with where it comes from. {@link #linode()} reads measured figures
 * ({@code linode-rtt.csv}); a region within 500 km of a measured one borrows that measurement scaled by distance
 * (Newark from Washington, DC); the rest is derived from great-circle distance ({@code linode-regions.csv}) at
 * 2/3 of the speed of light times a routing factor taken from the measured pairs. {@link #uniform} is
 * {@code --rtt MS}.
 */
public final class RttTable {
    /** Light in fibre: about 2/3 c, i.e. 200 km per millisecond. */
    static final double FIBRE_KM_PER_MS = 200.0;
    /** Floor for two distinct data centres in one metro (e.g. eu-west and gb-lon, both London). */
    static final double SAME_METRO_FLOOR_MS = 1.0;
    /** How close a measured metro must be to stand in for an unmeasured one. */
    static final double NEARBY_KM = 500.0;

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
            coordinates.put(row[0], new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2])});
        }
        Map<String, RttFigure> measured = new HashMap<>();
        RttFigure sameRegion = null;
        List<Double> ratios = new ArrayList<>();
        java.util.Set<String> metroPairs = new java.util.HashSet<>();
        for (String[] row : read("linode-rtt.csv", 4)) {
            double ms = Double.parseDouble(row[2]);
            RttFigure figure = new RttFigure(millis(ms), row[3]);
            if (row[0].equals("same-region")) {
                sameRegion = figure;
                continue;
            }
            measured.put(pair(row[0], row[1]), figure);
            double km = distanceKm(coordinates.get(row[0]), coordinates.get(row[1]));
            // One ratio per pair of metros (eu-central and de-fra-2 are one metro), so no metro weighs twice.
            String metros = pair(Arrays.toString(coordinates.get(row[0])), Arrays.toString(coordinates.get(row[1])));
            if (km > 0 && metroPairs.add(metros)) {
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
            return scaledFromNearbyMetro(a, b, km, coordinates, measured)
                    .or(() -> scaledFromNearbyMetro(b, a, km, coordinates, measured))
                    .orElseGet(() -> {
                        double ms = Math.max(SAME_METRO_FLOOR_MS, routingFactor * 2 * km / FIBRE_KM_PER_MS);
                        return new RttFigure(millis(ms), String.format(Locale.ROOT,
                                "derived: %.0f km great-circle at 2/3 c x routing factor %.2f (median over the measured metro pairs), floor %.0f ms",
                                km, routingFactor, SAME_METRO_FLOOR_MS));
                    });
        });
    }

    /**
     * When a measured region lies within {@link #NEARBY_KM} of {@code a} (e.g. Washington, DC for Newark), its
     * measurement to {@code b} scaled by the ratio of great-circle distances: the path shares the backbone.
     */
    private static Optional<RttFigure> scaledFromNearbyMetro(String a, String b, double km, Map<String, double[]> coordinates,
                                                          Map<String, RttFigure> measured) {
        double[] ca = coordinates.get(a);
        double[] cb = coordinates.get(b);
        return coordinates.entrySet().stream()
                .filter(e -> measured.containsKey(pair(e.getKey(), b)))
                .filter(e -> distanceKm(ca, e.getValue()) <= NEARBY_KM && distanceKm(e.getValue(), cb) > NEARBY_KM)
                .min(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> distanceKm(ca, e.getValue())).thenComparing(Map.Entry::getKey))
                .map(e -> {
                    RttFigure proxy = measured.get(pair(e.getKey(), b));
                    double proxyKm = distanceKm(e.getValue(), cb);
                    double ms = proxy.rtt().toNanos() / 1e6 * km / proxyKm;
                    return new RttFigure(millis(ms), String.format(Locale.ROOT,
                            "scaled: %s-%s measured %.0f ms x great-circle ratio %.0f/%.0f km (%s is %.0f km from %s); %s",
                            e.getKey(), b, proxy.rtt().toNanos() / 1e6, km, proxyKm, e.getKey(), distanceKm(ca, e.getValue()), a,
                            proxy.source()));
                });
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos((long) (ms * 1e6));
    }

    /**
     * This table plus a place that is no Linode region (the Linode API's endpoint, a witness somewhere else):
     * {@code figure} to every other region; within the place, the table's same-region figure.
     */
    public RttTable with(String place, RttFigure figure) {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(figure, "figure");
        return new RttTable((a, b) -> !a.equals(b) && (a.equals(place) || b.equals(place)) ? figure : lookup.apply(a, b));
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
