package io.shopdr.agent.failover;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fence of a primary that a failover replaced, kept up by the new primary's controller until it takes (issue 14's
 * zombie). A failover whose SQL fence could not reach the old primary (frozen, cut off) promotes on the firewall fence
 * or on the old primary's self-fence lease; but a frozen primary that wakes up is still writable and does not know it
 * was replaced, and a Cloud Firewall is stateful: connections opened before its rule took effect keep flowing. So
 * every probe interval, while the zone's event record says the last failover moved the primary from {@code X} to this
 * region (promoted or done) and the shop's records name this region, its controller fences {@code X}
 * ({@link RegionDatabases#fence}: client sessions ended, read-only) with connects and reads bounded by
 * {@code sqlFenceTimeout}, until one fence takes. The firewall fence drops only {@code X}'s own region's nodes, so this
 * region reaches {@code X} as soon as {@code X} answers again. With semi-sync that is enough: the zombie's commits wait
 * for an acknowledgement that cannot come (its replica was promoted; {@code wait_no_slave=ON}; a timeout longer than
 * any fence retry) and end with their sessions, never acknowledged.
 *
 * <p>Each attempt first asks {@code X} whether it is still a writable primary replicating from nobody
 * ({@link RegionDatabases#isPrimary}): unreachable, it is retried at the next interval; read-only or a replica (it fenced
 * itself, or was rejoined), there is nothing left to fence. Only a writable {@code X} is fenced, and only after the
 * event record was read again from the zone: a failback writes its own event before its switchover makes its target
 * writable ({@code Failback}), and this thread must not act on a record the probe cycle read seconds earlier.
 *
 * <p>What it remembers is the epoch whose fence took ({@link #taken}: the failover's own SQL fence, or a retry). A
 * restarted controller asks {@code X} once more — a read-only replica by then, so nothing is fenced.
 */
final class ReplacedPrimaryFence {
    private static final Logger LOG = LoggerFactory.getLogger(ReplacedPrimaryFence.class);

    /** What a check did. */
    enum Action { NONE, FENCED, FAILED }

    private final String self;
    private final RegionDatabases databases;
    private final Duration timeout;
    private final Supplier<FailoverEvent> zoneEvent;

    private volatile String primary;
    private volatile FailoverEvent event;
    private volatile long takenEpoch = -1;
    private volatile String reason = "";

    /** @param zoneEvent reads the event record from the zone now (throws when the zone cannot be read) */
    ReplacedPrimaryFence(String self, RegionDatabases databases, Duration timeout, Supplier<FailoverEvent> zoneEvent) {
        this.self = self;
        this.databases = databases;
        this.timeout = timeout;
        this.zoneEvent = zoneEvent;
    }

    /** After each probe cycle: which region the shop's records name, and the zone's event record as last read. */
    void observed(String primary, FailoverEvent event) {
        this.primary = primary;
        this.event = event;
    }

    /** The fence of the failover claimed as {@code epoch} took already (its own SQL fence reached the old primary). */
    void taken(long epoch) {
        takenEpoch = epoch;
    }

    /** Why the last check fenced or failed. */
    String reason() {
        return reason;
    }

    /** The region to fence now, or null: the last failover replaced it with this region and its fence has not taken. */
    String pending() {
        FailoverEvent e = event;
        if (e == null || !FailoverEvent.FAILOVER.equals(e.kind()) || e.epochNumber() == takenEpoch) return null;
        if (!FailoverEvent.DONE.equals(e.phase()) && !e.promotedAwaitingDns()) return null;
        if (!self.equals(e.to()) || !self.equals(primary) || e.from() == null || e.from().equals(self)) return null;
        return e.from();
    }

    /** Fences the replaced primary when one is pending (its own thread, every probe interval). */
    Action check() {
        FailoverEvent e = event;
        String old = pending();
        if (old == null) return Action.NONE;
        try {
            if (!databases.isPrimary(old, timeout)) {
                takenEpoch = e.epochNumber();
                reason = old + "'s database answered read-only or as a replica: nothing left to fence";
                return Action.NONE;
            }
            event = zoneEvent.get();
            if (pending() == null) return Action.NONE; // a failback or a newer failover took over meanwhile
            if (!databases.fence(old, timeout)) throw new IllegalStateException("the fence did not take effect");
        } catch (RuntimeException x) {
            reason = old + "'s database, replaced by " + self + " (epoch " + e.epochNumber() + "), not fenced yet ("
                    + x.getMessage() + "); retrying every probe interval";
            LOG.debug(self + ": " + reason);
            return Action.FAILED;
        }
        takenEpoch = e.epochNumber();
        reason = "fenced " + old + "'s database (client sessions ended, read-only): the primary " + self + " replaced in"
                + " the failover of epoch " + e.epochNumber() + " answered again, writable";
        LOG.warn(self + ": " + reason);
        return Action.FENCED;
    }
}
