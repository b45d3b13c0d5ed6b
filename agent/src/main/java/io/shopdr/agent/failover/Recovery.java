package io.shopdr.agent.failover;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One failover in flight, as one value (after orchestrator's {@code TopologyRecovery}): the old primary, the fencing
 * epoch this controller claimed, when the quorum declared the primary down, the incident draft that is its audit
 * log, and — once promoted — the new primary, when, and the RPO. Owned by the controller's tick thread; a
 * controller has at most one.
 */
final class Recovery {
    final String from;
    final long epoch;
    final Instant detectedAt;
    final IncidentLog.Draft log;
    private String promoted;
    private Instant promotedAt;
    private OptionalLong rpo = OptionalLong.empty();
    private boolean promotionRecorded;

    Recovery(String from, long epoch, Instant detectedAt, IncidentLog.Draft log) {
        this.from = from;
        this.epoch = epoch;
        this.detectedAt = detectedAt;
        this.log = log;
    }

    /** Appends a step to the audit log. */
    Recovery note(String step) {
        log.add(step);
        return this;
    }

    void promoted(String region, Instant at, OptionalLong lost) {
        this.promoted = region;
        this.promotedAt = at;
        this.rpo = lost;
    }

    /** The promoted region whose DNS switch is pending or done, or null before the promotion. */
    String promotedRegion() {
        return promoted;
    }

    Instant promotedAt() {
        return promotedAt;
    }

    OptionalLong rpo() {
        return rpo;
    }

    /** Whether the promotion is recorded in the zone's event record (so a successor can finish the DNS switch). */
    boolean promotionRecorded() {
        return promotionRecorded;
    }

    void promotionRecorded(boolean recorded) {
        this.promotionRecorded = recorded;
    }
}
