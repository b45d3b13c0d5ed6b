package io.shopdr.drill.checker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one drill run did and saw, as plain data for the {@link InvariantChecker}: the clients' acknowledgements,
 * each database's order rows (with the serving region and the server's commit-time clock), what the controllers
 * did, and — where the fault asks for them — the availability and convergence observations. Times are epoch ms
 * (every process of the twin runs on one host clock).
 *
 * @param fault            the fault's name
 * @param semiSync         whether the run used lossless semi-synchronous replication
 * @param failoverExpected whether the fault must lead to a failover (kill, partition, pause, api-outage) or must
 *                         not (observer-partition, flap, clock-skew, standby-loss, api-outage while healthy)
 * @param oldPrimary       the primary region when the fault struck
 * @param newPrimary       the region promoted, empty when none was
 * @param faultAtMs        when the fault struck
 * @param restoredAtMs     when the drill began restoring the old primary (its rows were read then; from then on
 *                         it is a replica again and, after the switch back, the primary): empty when it did not
 * @param acks             every order a client had acknowledged
 * @param rows             per region whose database was read: its order rows
 * @param lostAcked        acknowledged orders missing on the primary after the run (new primary, or the old one)
 * @param reportedRpo      the RPO the controller reported (transactions), empty when unknown or no failover
 * @param control          what the controllers did
 * @param availability     for faults that must keep the shop writing: the bound and the durability signal
 * @param convergences     for faults after which the system must converge: each state it had to converge to (the
 *                         end of the run; for failback-fault also after each failed failback and its re-run), empty
 *                         for the others
 */
public record RunHistory(String fault, boolean semiSync, boolean failoverExpected, String oldPrimary,
                         Optional<String> newPrimary, long faultAtMs, OptionalLong restoredAtMs, List<Ack> acks, Map<String, List<Row>> rows,
                         long lostAcked, OptionalLong reportedRpo, Control control, Optional<Availability> availability,
                         List<Convergence> convergences) {
    public RunHistory {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(oldPrimary, "oldPrimary");
        acks = List.copyOf(acks);
        rows = Map.copyOf(rows);
        convergences = List.copyOf(convergences);
    }

    /**
     * A client's acknowledged order: its id, the region whose storefront answered, when the client sent it and when
     * the answer came.
     */
    public record Ack(String orderId, String servedBy, long sentAtMs, long ackedAtMs) { }

    /** An order row in one database: its id, the region that wrote it ({@code orders.region}), its server time. */
    public record Row(String orderId, String region, long createdAtMs) { }

    /**
     * What the controllers did after the fault.
     *
     * @param failingOver  observers that entered FAILING_OVER
     * @param promotions   failover incidents that promoted a replica
     * @param apexMoved    whether the shop's A record moved off the old primary
     * @param selfFenced   whether the old primary's database was found read-only while it was the primary
     */
    public record Control(List<String> failingOver, int promotions, boolean apexMoved, boolean selfFenced) {
        public Control {
            failingOver = List.copyOf(failingOver);
        }
    }

    /**
     * The shop must keep acknowledging orders: the longest gap between two acknowledgements by the primary after the
     * fault, the bound it must stay under, and what the system said about durability (empty: it said nothing).
     */
    public record Availability(Duration longestAckGap, Duration bound, Optional<String> durabilitySignal) { }

    /**
     * A state the system had to converge to: the writable databases, the region DNS points at, each replica's
     * replication state (running or why not), each database's orders checksum, the regions whose database firewall
     * carries the failover's fence, what holds every controller's automatic failover (a failback marked started and
     * never finished; empty: nothing), what the replication mode still lacks at the primary (empty when it is whole:
     * asynchronous, or semi-sync on with a replica acknowledging) and how it got there ("by itself" or "by re-running …").
     */
    public record Convergence(List<String> writable, String dnsRegion, Map<String, String> replicaState,
                              Map<String, String> checksums, List<String> fenced, Optional<String> held,
                              Optional<String> durabilityGap, String how) {
        public Convergence {
            writable = List.copyOf(writable);
            replicaState = Map.copyOf(replicaState);
            checksums = Map.copyOf(checksums);
            fenced = List.copyOf(fenced);
            Objects.requireNonNull(held, "held");
            Objects.requireNonNull(durabilityGap, "durabilityGap");
        }
    }
}
