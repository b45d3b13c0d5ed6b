package io.shopdr.agent.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MySQL GTID set arithmetic ({@code uuid[:tag]:1-5:7,...}), done locally so the dialect needs no extra round trip
 * for GTID_SUBTRACT and can be tested against recorded server values.
 */
final class MySqlGtids {
    private MySqlGtids() {
    }

    /** Source key (uuid or uuid:tag) → sorted disjoint closed intervals. */
    static Map<String, List<long[]>> parse(String text) {
        Map<String, List<long[]>> set = new TreeMap<>();
        if (text == null) return set;
        for (String part : text.replaceAll("\\s+", "").split(",")) {
            if (part.isEmpty()) continue;
            String[] f = part.split(":");
            if (f.length < 2) throw new IllegalArgumentException("malformed MySQL GTID set element '" + part + "'");
            String key = f[0].toLowerCase(java.util.Locale.ROOT);
            for (int i = 1; i < f.length; i++) {
                String s = f[i];
                if (s.isEmpty()) throw new IllegalArgumentException("malformed MySQL GTID set element '" + part + "'");
                if (!Character.isDigit(s.charAt(0))) {
                    key = f[0].toLowerCase(java.util.Locale.ROOT) + ":" + s;
                    continue;
                }
                String[] ab = s.split("-");
                try {
                    long a = Long.parseLong(ab[0]);
                    long b = ab.length > 1 ? Long.parseLong(ab[1]) : a;
                    add(set.computeIfAbsent(key, k -> new ArrayList<>()), a, b);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("malformed MySQL GTID interval '" + s + "' in '" + part + "'");
                }
            }
        }
        return set;
    }

    private static void add(List<long[]> intervals, long a, long b) {
        intervals.add(new long[] {a, b});
        intervals.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] iv : intervals) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] + 1 >= iv[0]) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], iv[1]);
            } else {
                merged.add(new long[] {iv[0], iv[1]});
            }
        }
        intervals.clear();
        intervals.addAll(merged);
    }

    /** The GTIDs of {@code a} not in {@code b} (GTID_SUBTRACT(a, b)) with their count. */
    static GtidDifference subtract(String a, String b) {
        Map<String, List<long[]>> sa = parse(a);
        Map<String, List<long[]>> sb = parse(b);
        long n = 0;
        List<String> out = new ArrayList<>();
        for (var e : sa.entrySet()) {
            List<long[]> rest = new ArrayList<>();
            for (long[] iv : e.getValue()) rest.add(new long[] {iv[0], iv[1]});
            for (long[] cut : sb.getOrDefault(e.getKey(), List.of())) {
                List<long[]> next = new ArrayList<>();
                for (long[] iv : rest) {
                    if (cut[1] < iv[0] || cut[0] > iv[1]) {
                        next.add(iv);
                        continue;
                    }
                    if (iv[0] < cut[0]) next.add(new long[] {iv[0], cut[0] - 1});
                    if (iv[1] > cut[1]) next.add(new long[] {cut[1] + 1, iv[1]});
                }
                rest = next;
            }
            if (rest.isEmpty()) continue;
            StringBuilder s = new StringBuilder(e.getKey());
            for (long[] iv : rest) {
                n += iv[1] - iv[0] + 1;
                s.append(':').append(iv[0]);
                if (iv[1] != iv[0]) s.append('-').append(iv[1]);
            }
            out.add(s.toString());
        }
        return new GtidDifference(n, out);
    }
}
