package io.shopdr.drill.checker;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges one {@link RunHistory} against the invariants of issue 14 (Jepsen's checker, applied to this system). Pure:
 * no I/O, the same history always gives the same verdicts. Each invariant is named in the result only where the
 * fault makes it meaningful:
 * <ul>
 *   <li>{@value #LOST} (every run): acknowledged orders lost = the RPO the system reported (transactions), less the
 *       orders the old primary committed but never acknowledged, whenever an RPO was reported; 0 under semi-sync; 0
 *       when there was no failover.</li>
 *   <li>{@value #SPLIT_BRAIN} (every run): no order acknowledged by the old primary after the new primary accepted
 *       its first write — from the old primary's rows (serving region, server time) and from the clients'
 *       acknowledgements of orders sent before the drill restored the old primary (after that it is a replica, and
 *       after the switch back the primary again).</li>
 *   <li>{@value #FALSE_FAILOVER} (faults that must not fail over): no controller started a failover, nothing was
 *       promoted, DNS did not move, the primary did not fence itself.</li>
 *   <li>{@value #AVAILABILITY} (faults with an availability bound): the primary's acknowledgements never paused
 *       longer than the bound, and under semi-sync the system said durability was degraded.</li>
 *   <li>{@value #CONVERGED} (faults with a convergence check): every state the system had to converge to has one
 *       writable database, DNS at it, no fence in front of it, every replica replicating, equal checksums, no
 *       failback holding the controllers off, and under semi-sync the primary's semi-sync on with a replica
 *       acknowledging.</li>
 * </ul>
 */
public final class InvariantChecker {
    public static final String LOST = "lost_equals_reported";
    public static final String SPLIT_BRAIN = "no_split_brain";
    public static final String FALSE_FAILOVER = "no_false_failover";
    public static final String AVAILABILITY = "availability_kept";
    public static final String CONVERGED = "nothing_half_applied";

    private static final int IDS_SHOWN = 5;

    private InvariantChecker() {
    }

    /** The verdicts for {@code h}, in a stable order. */
    public static Map<String, Verdict> check(RunHistory h) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        v.put(LOST, lost(h));
        v.put(SPLIT_BRAIN, splitBrain(h));
        if (!h.failoverExpected()) v.put(FALSE_FAILOVER, falseFailover(h));
        h.availability().ifPresent(a -> v.put(AVAILABILITY, availability(h, a)));
        if (!h.convergences().isEmpty()) v.put(CONVERGED, converged(h.convergences()));
        return v;
    }

    static Verdict lost(RunHistory h) {
        long lost = h.lostAcked();
        OptionalLong reported = h.reportedRpo();
        String rep = reported.isPresent() ? reported.getAsLong() + " reported" : "RPO reported unknown";
        if (h.semiSync()) {
            return lost == 0 ? Verdict.pass("semi-sync: 0 acknowledged orders lost (" + rep + ")")
                    : Verdict.fail("semi-sync lost " + lost + " acknowledged orders (" + rep + ")");
        }
        if (h.newPrimary().isEmpty()) {
            return lost == 0 ? Verdict.pass("no failover: every acknowledged order is on " + h.oldPrimary())
                    : Verdict.fail(lost + " acknowledged orders missing on " + h.oldPrimary() + " without a failover");
        }
        if (reported.isEmpty()) {
            return Verdict.pass(lost + " lost; the RPO was reported unknown (never a lower bound)");
        }
        long r = reported.getAsLong();
        OptionalLong unacked = committedUnacknowledged(h);
        if (unacked.isEmpty()) {
            return lost == r ? Verdict.pass(lost + " lost = " + rep)
                    : Verdict.fail(lost + " lost but " + rep + (lost > r ? ": the RPO was a lower bound" : ""));
        }
        // the RPO counts transactions: an order the old primary committed whose answer never reached the client is
        // lost too, but it is not an acknowledged order
        long u = unacked.getAsLong();
        String evidence = lost + " acknowledged orders lost + " + u + " committed but never acknowledged = " + (lost + u)
                + "; " + rep;
        return lost + u == r ? Verdict.pass(evidence)
                : Verdict.fail(evidence + (lost + u > r ? ": the RPO was a lower bound" : ": the RPO over-counted"));
    }

    /**
     * Orders the old primary committed that the new primary never received and no client saw acknowledged (the
     * answer was lost with the link or the process); empty when either database's rows were not read.
     */
    public static OptionalLong committedUnacknowledged(RunHistory h) {
        List<RunHistory.Row> oldRows = h.rows().get(h.oldPrimary());
        List<RunHistory.Row> newRows = h.newPrimary().map(h.rows()::get).orElse(null);
        if (oldRows == null || newRows == null) return OptionalLong.empty();
        Set<String> onNew = newRows.stream().map(RunHistory.Row::orderId).collect(Collectors.toSet());
        Set<String> acked = h.acks().stream().map(RunHistory.Ack::orderId).collect(Collectors.toSet());
        return OptionalLong.of(oldRows.stream().map(RunHistory.Row::orderId)
                .filter(id -> !onNew.contains(id) && !acked.contains(id)).distinct().count());
    }

    static Verdict splitBrain(RunHistory h) {
        if (h.newPrimary().isEmpty()) return Verdict.pass("no promotion: " + h.oldPrimary() + " stayed the only primary");
        String np = h.newPrimary().get();
        String op = h.oldPrimary();
        OptionalLong firstNew = firstWrite(h, np);
        if (firstNew.isEmpty()) return Verdict.pass(np + " accepted no write during the run");
        long t = firstNew.getAsLong();
        List<RunHistory.Row> oldRows = h.rows().get(op);
        List<String> zombieRows = oldRows == null ? List.of() : oldRows.stream()
                .filter(r -> r.region().equals(op) && r.createdAtMs() >= t).map(RunHistory.Row::orderId).sorted().toList();
        long end = h.restoredAtMs().orElse(Long.MAX_VALUE);
        List<String> zombieAcks = h.acks().stream().filter(a -> a.servedBy().equals(op) && a.sentAtMs() > t && a.sentAtMs() < end)
                .map(RunHistory.Ack::orderId).sorted().toList();
        String where = "after " + np + "'s first write (t=" + (t - h.faultAtMs()) + " ms after the fault): ";
        String rowsPart = oldRows == null ? "the old primary's rows could not be read" : zombieRows.size()
                + " rows written by " + op + " on its database" + ids(zombieRows);
        String ackPart = zombieAcks.size() + " orders sent after it and acknowledged by " + op + ids(zombieAcks);
        return zombieRows.isEmpty() && zombieAcks.isEmpty() && oldRows != null
                ? Verdict.pass(where + rowsPart + ", " + ackPart)
                : Verdict.fail(where + rowsPart + ", " + ackPart);
    }

    static Verdict falseFailover(RunHistory h) {
        RunHistory.Control c = h.control();
        String evidence = "controllers failing over: " + (c.failingOver().isEmpty() ? "none" : c.failingOver())
                + "; promotions " + c.promotions() + "; DNS " + (c.apexMoved() ? "moved" : "stayed on " + h.oldPrimary())
                + "; " + h.oldPrimary() + (c.selfFenced() ? " fenced itself" : " kept writing");
        return c.failingOver().isEmpty() && c.promotions() == 0 && !c.apexMoved() && !c.selfFenced()
                ? Verdict.pass(evidence) : Verdict.fail(evidence);
    }

    static Verdict availability(RunHistory h, RunHistory.Availability a) {
        boolean inBound = a.longestAckGap().compareTo(a.bound()) <= 0;
        boolean said = !h.semiSync() || a.durabilitySignal().isPresent();
        String evidence = "longest gap between acknowledgements by " + h.oldPrimary() + " after the fault "
                + a.longestAckGap().toMillis() + " ms (bound " + a.bound().toMillis() + " ms)"
                + (h.semiSync() ? "; durability degraded " + a.durabilitySignal().map(s -> "reported: " + s)
                        .orElse("NOT reported by the system") : "");
        return inBound && said ? Verdict.pass(evidence) : Verdict.fail(evidence);
    }

    /** The convergence rule for one state (the drill polls it until the world converged or its bound ran out). */
    public static Verdict converged(RunHistory.Convergence c) {
        boolean one = c.writable().size() == 1;
        boolean dns = one && c.writable().get(0).equals(c.dnsRegion());
        boolean unfenced = one && !c.fenced().contains(c.writable().get(0));
        String evidence = c.how() + ": " + describe(c);
        return one && dns && unfenced && notReplicating(c).isEmpty() && new HashSet<>(c.checksums().values()).size() == 1
                && c.held().isEmpty() && c.durabilityGap().isEmpty() ? Verdict.pass(evidence) : Verdict.fail(evidence);
    }

    /** {@code c}'s state in words, without how it got there. */
    public static String describe(RunHistory.Convergence c) {
        List<String> stopped = notReplicating(c);
        Set<String> sums = new HashSet<>(c.checksums().values());
        return "writable " + c.writable() + ", DNS at " + c.dnsRegion() + ", replicas "
                + (stopped.isEmpty() ? "all replicating" : "not replicating " + stopped) + ", checksums "
                + (sums.size() == 1 ? "equal" : "differ " + new java.util.TreeMap<>(c.checksums())) + ", "
                + (c.fenced().isEmpty() ? "no fence" : "fence on " + c.fenced())
                + c.held().map(h -> ", " + h).orElse("") + c.durabilityGap().map(g -> ", " + g).orElse("");
    }

    private static List<String> notReplicating(RunHistory.Convergence c) {
        return c.replicaState().entrySet().stream().filter(e -> !"running".equals(e.getValue()))
                .map(e -> e.getKey() + ": " + e.getValue()).sorted().toList();
    }

    /** Every state the run had to converge to: one verdict naming each. */
    static Verdict converged(List<RunHistory.Convergence> states) {
        List<Verdict> each = states.stream().map(InvariantChecker::converged).toList();
        String evidence = each.stream().map(Verdict::evidence).collect(Collectors.joining(" | "));
        return each.stream().allMatch(Verdict::pass) ? Verdict.pass(evidence) : Verdict.fail(evidence);
    }

    /** The new primary's first write: its own earliest row, or its earliest acknowledgement when no row was read. */
    private static OptionalLong firstWrite(RunHistory h, String region) {
        List<RunHistory.Row> rows = h.rows().getOrDefault(region, List.of());
        OptionalLong fromRows = rows.stream().filter(r -> r.region().equals(region)).mapToLong(RunHistory.Row::createdAtMs).min();
        OptionalLong fromAcks = h.acks().stream().filter(a -> a.servedBy().equals(region)).mapToLong(RunHistory.Ack::ackedAtMs).min();
        if (fromRows.isEmpty()) return fromAcks;
        if (fromAcks.isEmpty()) return fromRows;
        return OptionalLong.of(Math.min(fromRows.getAsLong(), fromAcks.getAsLong()));
    }

    private static String ids(List<String> ids) {
        if (ids.isEmpty()) return "";
        return " (" + ids.stream().limit(IDS_SHOWN).collect(Collectors.joining(", ")) + (ids.size() > IDS_SHOWN ? ", …" : "") + ")";
    }
}
