package io.shopdr.agent.failover;

import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.health.ProbeResult;
import io.shopdr.agent.health.ProbeTarget;
import io.shopdr.agent.health.Vote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's own fence (Patroni's lease, orchestrator's semi-sync fencing): when this region is primary and its
 * controller has lost sight of the quorum — it has neither published its vote through the Linode API nor seen any
 * other region healthy for {@code selfFenceAfter} — it makes its database read-only and ends the client sessions,
 * before any standby can have been promoted without a confirmed fence (the timing is in
 * {@link ControllerConfig#selfFenceLease()}). Losing only the API does not fence (patroni#2379: a coordination-store
 * outage must not demote a healthy primary), and neither does losing only the other regions: both must be gone.
 * Before fencing it probes the other regions itself, so a probe cycle stuck in API retries cannot fake their loss.
 *
 * <p>A fence this controller set is lifted when the quorum is visible again and nothing moved meanwhile: a vote was
 * published and another region seen after the fence, DNS still names this region primary and the event record's
 * epoch is the one seen when fencing (no failover or failback started since).
 */
final class SelfFence {
    private static final Logger LOG = LoggerFactory.getLogger(SelfFence.class);

    /** What a check did. */
    enum Action { NONE, FENCED, LIFTED }

    private final ControllerConfig config;
    private final String self;
    private final RegionDatabases databases;
    private final HttpProbe probe;
    private final List<ProbeTarget> others;
    private final Clock clock;

    private volatile Instant lastPublished;
    private volatile Instant lastOtherSeen;
    private volatile boolean primaryHere;
    private volatile long epochSeen;
    private volatile boolean fenced;
    private volatile Instant fencedAt;
    private volatile long fencedAtEpoch;
    private volatile String reason = "";

    SelfFence(ControllerConfig config, String self, RegionDatabases databases, HttpProbe probe, List<ProbeTarget> targets,
              Clock clock) {
        this.config = config;
        this.self = self;
        this.databases = databases;
        this.probe = probe;
        this.others = targets.stream().filter(t -> !t.region().equals(self)).toList();
        this.clock = clock;
        started();
    }

    /** The controller started: its sight of the quorum counts from now. */
    void started() {
        Instant now = clock.instant();
        lastPublished = now;
        lastOtherSeen = now;
    }

    /** A vote of this controller reached the zone (the API works for it). */
    void published(Vote v) {
        if (v.target().equals(self)) lastPublished = v.writtenAt();
    }

    /** After each probe cycle: who is primary, which other region answered, the event epoch. */
    void observed(ObservationRound round, String primary, FailoverEvent event) {
        primaryHere = self.equals(primary);
        for (ProbeResult r : round.results()) if (!r.region().equals(self) && r.healthy()) lastOtherSeen = round.at();
        if (round.records() != null) epochSeen = event == null ? 0 : event.epochNumber();
    }

    boolean fenced() {
        return fenced;
    }

    /** Why the last fence or lift happened. */
    String reason() {
        return reason;
    }

    Action check() {
        Instant now = clock.instant();
        Duration after = config.selfFenceAfter();
        if (fenced) {
            boolean quorumBack = lastPublished.isAfter(fencedAt) && lastOtherSeen.isAfter(fencedAt);
            if (!quorumBack || !primaryHere || epochSeen != fencedAtEpoch) return Action.NONE;
            databases.lift(self);
            fenced = false;
            reason = "the Linode API and another region are reachable again, DNS still names " + self + " primary and no"
                    + " failover started (epoch " + epochSeen + "): database writable again";
            LOG.warn(self + ": " + reason);
            return Action.LIFTED;
        }
        if (!primaryHere) return Action.NONE;
        Duration unpublished = Duration.between(lastPublished, now);
        Duration othersUnseen = Duration.between(lastOtherSeen, now);
        if (unpublished.compareTo(after) < 0 || othersUnseen.compareTo(after) < 0) return Action.NONE;
        for (ProbeResult r : probe.probeAll(others)) {
            if (r.healthy()) {
                lastOtherSeen = now;
                return Action.NONE;
            }
        }
        if (!databases.fence(self, config.sqlFenceTimeout())) {
            LOG.error(self + ": lost the quorum but the self-fence did not take effect; retrying every "
                    + config.selfFenceCheckPeriod().toMillis() + " ms");
            return Action.NONE;
        }
        fenced = true;
        fencedAt = now;
        fencedAtEpoch = epochSeen;
        reason = "primary " + self + " lost the quorum: no vote published for " + unpublished.toMillis() + " ms and no other"
                + " region seen for " + othersUnseen.toMillis() + " ms (selfFenceAfter " + after.toMillis() + " ms): database"
                + " read-only and client sessions ended, before any standby could be promoted without a fence";
        LOG.error(self + ": " + reason);
        return Action.FENCED;
    }
}
