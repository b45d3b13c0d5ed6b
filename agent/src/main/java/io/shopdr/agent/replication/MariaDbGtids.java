package io.shopdr.agent.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB GTID arithmetic ({@code domain-server-seq} lists). Sequence numbers grow per domain across servers, so
 * "behind" is a per-domain difference; a server's history is judged by the last GTID of each (domain, server)
 * pair in the other server's {@code gtid_binlog_state}.
 */
final class MariaDbGtids {
    record Gtid(long domain, long server, long seq) {
        @Override public String toString() { return domain + "-" + server + "-" + seq; }
    }

    private MariaDbGtids() {
    }

    static List<Gtid> parse(String text) {
        List<Gtid> out = new ArrayList<>();
        if (text == null) return out;
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            String[] f = p.split("-");
            if (f.length != 3) throw new IllegalArgumentException("malformed MariaDB GTID '" + p + "'");
            try {
                out.add(new Gtid(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed MariaDB GTID '" + p + "'");
            }
        }
        return out;
    }

    /** Highest sequence per domain. */
    static Map<Long, Gtid> byDomain(String text) {
        Map<Long, Gtid> m = new LinkedHashMap<>();
        for (Gtid g : parse(text)) m.merge(g.domain(), g, (a, b) -> a.seq() >= b.seq() ? a : b);
        return m;
    }

    /** Transactions in position {@code want} that position {@code have} has not reached (sum over domains). */
    static long missing(String have, String want) {
        Map<Long, Gtid> h = byDomain(have);
        long n = 0;
        for (Gtid w : byDomain(want).values()) {
            Gtid g = h.get(w.domain());
            long reached = g == null ? 0 : g.seq();
            if (w.seq() > reached) n += w.seq() - reached;
        }
        return n;
    }

    /** Like {@link #missing} but with the missing ranges. */
    static GtidDifference missingRanges(String have, String want) {
        Map<Long, Gtid> h = byDomain(have);
        long n = 0;
        List<String> ranges = new ArrayList<>();
        for (Gtid w : byDomain(want).values()) {
            Gtid g = h.get(w.domain());
            long reached = g == null ? 0 : g.seq();
            if (w.seq() > reached) {
                n += w.seq() - reached;
                ranges.add(range(w.domain(), w.server(), reached + 1, w.seq()));
            }
        }
        return new GtidDifference(n, ranges);
    }

    /**
     * Transactions of {@code nodePosition} that are not in the history {@code sourceHistory} (a binlog state: last
     * GTID per domain and server). The node's last GTID in a domain is in the source's history when the source has
     * logged that server's transactions in that domain up to at least the same sequence.
     */
    static GtidDifference errant(String nodePosition, String sourceHistory) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (Gtid g : parse(sourceHistory)) last.merge(g.domain() + "-" + g.server(), g.seq(), Math::max);
        long n = 0;
        List<String> ranges = new ArrayList<>();
        for (Gtid g : byDomain(nodePosition).values()) {
            long common = last.getOrDefault(g.domain() + "-" + g.server(), 0L);
            if (common >= g.seq()) continue;
            n += g.seq() - common;
            ranges.add(range(g.domain(), g.server(), common + 1, g.seq()));
        }
        return new GtidDifference(n, ranges);
    }

    private static String range(long domain, long server, long from, long to) {
        return from == to ? domain + "-" + server + "-" + to : domain + "-" + server + "-" + from + ".." + domain + "-" + server + "-" + to;
    }
}
