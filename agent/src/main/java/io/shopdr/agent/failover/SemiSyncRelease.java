package io.shopdr.agent.failover;

import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.health.Quorum;
import io.shopdr.agent.replication.SemiSyncDurability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A semi-sync primary's availability, decided by its own controller on the quorum's evidence (orchestrator's model).
 * Semi-sync never turns asynchronous by itself here: the primary keeps waiting when its standbys leave
 * ({@code wait_no_slave=ON}) and its timeout outlasts the self-fence lease ({@code ConfigureOptions}). So when the
 * quorum (the votes read from the zone this cycle) declares every standby down and no fresh vote doubts this primary,
 * its controller <em>releases</em> semi-sync ({@link RegionDatabases#releaseSemiSync}): the waiting commits are
 * acknowledged and the shop keeps selling, durability degraded — said in a {@code DURABILITY_DEGRADED} incident and the
 * {@code shopdr_durability_degraded} metric. Once a standby is attached and caught up again it <em>restores</em> it
 * ({@link RegionDatabases#restoreSemiSync}, a {@code DURABILITY_RESTORED} incident) — and the same when semi-sync is
 * on but no semi-sync replica is connected while a standby is up (a standby whose mariadbd restarted reconnects as a
 * plain replica: it forgot the runtime replica-side flag). Restores are tried only while the quorum sees a standby up.
 *
 * <p>A partitioned primary reads no votes, so it never releases: its commits wait until its self-fence ends them and
 * none is acknowledged without a copy in another region. A primary that a failover replaced is no longer primary by
 * DNS, so its controller releases nothing either: its commits wait until the new primary's controller fences it
 * ({@link ReplacedPrimaryFence}).
 *
 * <p>The state lives on the database, not here: a released primary keeps the replica-side semi-sync flag as the mark
 * of the stack's mode, and its durability reads {@link SemiSyncDurability#released()}; a restarted controller restores
 * from that. Release happens once per episode of "every standby down" — a standby that is attached but whose region
 * the quorum still calls down gets semi-sync back and keeps it — unless no semi-sync replica is connected any more
 * (commits wait for nobody). A restore whose standby did not attach backs off {@link #RESTORE_BACKOFF}: each attempt
 * makes commits wait up to the attach bound.
 */
final class SemiSyncRelease {
    private static final Logger LOG = LoggerFactory.getLogger(SemiSyncRelease.class);
    /** How long after a restore whose standby did not attach the next attempt waits. */
    static final Duration RESTORE_BACKOFF = Duration.ofSeconds(30);

    private final ControllerConfig config;
    private final String self;
    private final RegionDatabases databases;
    private final Quorum quorum;
    private final IncidentLog incidents;
    private final Clock clock;

    /** Whether semi-sync was released since the quorum last declared every standby down. */
    private boolean releasedThisEpisode;
    private Instant restoreNotBefore = Instant.MIN;

    SemiSyncRelease(ControllerConfig config, String self, RegionDatabases databases, Quorum quorum, IncidentLog incidents,
                    Clock clock) {
        this.config = config;
        this.self = self;
        this.databases = databases;
        this.quorum = quorum;
        this.incidents = incidents;
        this.clock = clock;
    }

    /**
     * After a probe cycle of this region's controller while its region is primary: releases or restores semi-sync
     * given the cycle's votes and the primary's durability as just observed (null: unread). Returns the durability
     * after what it did.
     */
    SemiSyncDurability apply(ObservationRound round, SemiSyncDurability observed) {
        if (observed == null || !observed.lossless()) return observed;
        boolean read = round.records() != null;
        Instant now = round.at(); // the round's view, after its zone read (as in FailoverController.decide)
        boolean everyStandbyDown = read && standbys().stream().allMatch(r -> quorum.verdict(r, round.votes(), now).down());
        if (!everyStandbyDown) releasedThisEpisode = false;
        if (observed.enabled() && everyStandbyDown && (!releasedThisEpisode || observed.clients() == 0)
                && quorum.verdict(self, round.votes(), now).downObservers().isEmpty()) {
            return release(observed);
        }
        // only while the quorum sees a standby up: reaching a lost standby's database each cycle would cost timeouts
        boolean aStandbyUp = read && standbys().stream().anyMatch(r -> quorum.verdict(r, round.votes(), now).up());
        if ((observed.released() || observed.clients() == 0) && aStandbyUp) return restore(observed);
        return observed;
    }

    private List<String> standbys() {
        return config.regionNames().stream().filter(r -> !r.equals(self)).toList();
    }

    private SemiSyncDurability release(SemiSyncDurability observed) {
        try {
            int ended = databases.releaseSemiSync(self, config.sqlFenceTimeout());
            releasedThisEpisode = true;
            String why = "every standby is down by the quorum (" + String.join(", ", standbys()) + ") and no vote doubts "
                    + self + ": semi-sync released (" + ended + " replication session(s) ended), so waiting commits are"
                    + " acknowledged; durability degraded: orders are acknowledged without a copy in another region until"
                    + " a standby is attached and caught up again";
            LOG.warn(self + ": " + why);
            IncidentLog.Draft d = incidents.open(Incident.Kind.DURABILITY_DEGRADED, self, null);
            d.add(why);
            d.finish(Incident.Outcome.COMPLETED);
            return SemiSyncDurability.RELEASED;
        } catch (RuntimeException e) {
            LOG.warn(self + ": cannot release semi-sync on its database: " + e.getMessage());
            return observed;
        }
    }

    private SemiSyncDurability restore(SemiSyncDurability observed) {
        Instant now = clock.instant();
        if (now.isBefore(restoreNotBefore)) return observed;
        try {
            List<String> acknowledging = databases.restoreSemiSync(self, config.sqlFenceTimeout());
            if (acknowledging.isEmpty()) return observed;
            String what = "semi-sync back on: " + String.join(", ", acknowledging) + " attached, caught up and"
                    + " acknowledging commits again; durability restored";
            LOG.info(self + ": " + what);
            IncidentLog.Draft d = incidents.open(Incident.Kind.DURABILITY_RESTORED, self, null);
            d.add(what);
            d.finish(Incident.Outcome.COMPLETED);
            return new SemiSyncDurability(true, true, true, acknowledging.size());
        } catch (RuntimeException e) {
            restoreNotBefore = now.plus(RESTORE_BACKOFF);
            LOG.warn(self + ": restoring semi-sync failed (" + e.getMessage() + "); next attempt after " + restoreNotBefore);
            return observed;
        }
    }
}
