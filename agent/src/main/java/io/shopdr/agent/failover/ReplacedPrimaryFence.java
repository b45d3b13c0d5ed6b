package io.shopdr.agent.failover;

import java.time.Duration;
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
 * <p>What it remembers is the epoch whose fence took ({@link #taken}: the failover's own SQL fence, or a retry). A
 * restarted controller fences {@code X} once more — harmless on an {@code X} that is a read-only replica by then. A
 * failback writes a failback event first, so it is never fenced against ({@code Failback} makes its target writable
 * before DNS moves).
 */
final class ReplacedPrimaryFence {
    private static final Logger LOG = LoggerFactory.getLogger(ReplacedPrimaryFence.class);

    /** What a check did. */
    enum Action { NONE, FENCED, FAILED }

    private final String self;
    private final RegionDatabases databases;
    private final Duration timeout;

    private volatile String primary;
    private volatile FailoverEvent event;
    private volatile long takenEpoch = -1;
    private volatile String reason = "";

    ReplacedPrimaryFence(String self, RegionDatabases databases, Duration timeout) {
        this.self = self;
        this.databases = databases;
        this.timeout = timeout;
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
        boolean fenced;
        String failure = "";
        try {
            fenced = databases.fence(old, timeout);
        } catch (RuntimeException x) {
            fenced = false;
            failure = ": " + x.getMessage();
        }
        if (!fenced) {
            reason = old + "'s database, replaced by " + self + " (epoch " + e.epochNumber() + "), not fenced yet (no answer"
                    + " within " + timeout.toMillis() + " ms" + failure + "); retrying every probe interval";
            LOG.debug(self + ": " + reason);
            return Action.FAILED;
        }
        takenEpoch = e.epochNumber();
        reason = "fenced " + old + "'s database (client sessions ended, read-only): the primary " + self + " replaced in"
                + " the failover of epoch " + e.epochNumber() + " answered again";
        LOG.warn(self + ": " + reason);
        return Action.FENCED;
    }
}
