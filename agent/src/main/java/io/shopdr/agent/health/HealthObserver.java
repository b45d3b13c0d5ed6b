package io.shopdr.agent.health;

import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One observer (a region's controller or a witness): probes every region, applies hysteresis per region and
 * publishes its view as votes. A vote is written when its state changes and rewritten unchanged every
 * {@code voteRefresh} as a keep-alive, because readers must tell a steady observer from a dead one.
 * Driven by {@link #tick()} from one thread.
 */
public final class HealthObserver {
    private static final Logger LOG = LoggerFactory.getLogger(HealthObserver.class);

    private final String name;
    private final Map<String, ProbeTarget> targets = new LinkedHashMap<>();
    private final HttpProbe probe;
    private final VoteBoard board;
    private final int failureThreshold;
    private final int successThreshold;
    private final Duration voteRefresh;
    private final Clock clock;
    private final Map<String, Hysteresis> hysteresis = new HashMap<>();
    private final Map<String, Vote> published = new HashMap<>();
    private final Map<String, DnsRecord> publishedRecords = new HashMap<>();
    private final List<Consumer<Vote>> voteListeners = new CopyOnWriteArrayList<>();
    /** Other observers' votes as last read from the zone (a round that skips the read judges these). */
    private List<Vote> othersLastRead = List.of();
    private long sequence;

    public HealthObserver(String name, List<ProbeTarget> targets, HttpProbe probe, VoteBoard board,
                          int failureThreshold, int successThreshold, Duration voteRefresh, Clock clock) {
        this.name = name;
        for (ProbeTarget t : targets) this.targets.put(t.region(), t);
        this.probe = probe;
        this.board = board;
        this.failureThreshold = failureThreshold;
        this.successThreshold = successThreshold;
        this.voteRefresh = voteRefresh;
        this.clock = clock;
        for (ProbeTarget t : targets) hysteresis.put(t.region(), new Hysteresis(failureThreshold, successThreshold));
    }

    public String name() {
        return name;
    }

    /** Called with every vote this observer writes (changes and keep-alives). */
    public void addVoteListener(Consumer<Vote> listener) {
        voteListeners.add(listener);
    }

    /** Points the probe of one region elsewhere (the drill simulates a partitioned observer with it). */
    public synchronized void replaceTarget(ProbeTarget target) {
        if (!targets.containsKey(target.region())) throw new IllegalArgumentException("unknown region " + target.region());
        targets.put(target.region(), target);
    }

    public synchronized List<ProbeTarget> targets() {
        return List.copyOf(targets.values());
    }

    /** This observer's current hysteresis state per region. */
    public synchronized Map<String, TargetState> localStates() {
        Map<String, TargetState> m = new LinkedHashMap<>();
        for (String r : targets.keySet()) m.put(r, hysteresis.get(r).state());
        return m;
    }

    /** The votes this observer has published (its latest about each region). */
    public synchronized List<Vote> ownVotes() {
        return List.copyOf(published.values());
    }

    /** One cycle that reads the zone: probe every region, update hysteresis, read the zone, write changed or due votes. */
    public synchronized ObservationRound tick() {
        return tick(results -> true);
    }

    /**
     * One cycle: probe every region, update hysteresis, read the zone only when {@code readZone} says so for this
     * round's probe results (or when a vote is due whose record this observer has not found yet), write changed or
     * due votes. Listing the zone is a paginated-collection request (Linode allows 200 a minute per user, shared by
     * every observer), so a caller that sees nothing wrong may skip it: the round then carries no records
     * ({@code records() == null}, no error) and the other observers' votes as last read, which the quorum judges by
     * their own timestamps.
     */
    public synchronized ObservationRound tick(Predicate<List<ProbeResult>> readZone) {
        List<ProbeResult> results = probe.probeAll(List.copyOf(targets.values()));
        Instant now = clock.instant();
        for (ProbeResult r : results) hysteresis.get(r.region()).record(r.healthy(), now);

        List<DnsRecord> records = null;
        String dnsError = null;
        // the round is dated when its view of the votes is complete: after the zone read, so a vote written while a slow
        // read was in flight is not taken for clock skew
        Instant viewAt = now;
        // a vote whose record this observer has not seen yet can only be written after a read (no blind duplicates)
        boolean read = readZone.test(results) || targets.keySet().stream().anyMatch(region ->
                hysteresis.get(region).state() != TargetState.UNKNOWN && !publishedRecords.containsKey(region));
        if (read) {
            try {
                records = board.records();
                viewAt = clock.instant();
            } catch (LinodeApiException e) {
                dnsError = "reading votes failed: " + e.getMessage();
            }
        }
        List<Vote> others = new ArrayList<>();
        if (records != null) {
            for (Vote v : VoteBoard.votesIn(records)) {
                if (!v.observer().equals(name)) others.add(v);
                else if (published.isEmpty()) sequence = Math.max(sequence, v.sequence()); // continue after a restart
            }
            othersLastRead = List.copyOf(others);
        } else if (!read) {
            others.addAll(othersLastRead);
        }
        for (String region : targets.keySet()) {
            Hysteresis h = hysteresis.get(region);
            if (h.state() == TargetState.UNKNOWN) continue;
            Vote last = published.get(region);
            Vote next;
            if (last == null || last.targetState() != h.state()) {
                next = Vote.of(name, region, h.state(), h.since(), ++sequence, now);
            } else if (!last.writtenAt().plus(voteRefresh).isAfter(now)) {
                next = last.refreshedAt(now);
            } else {
                continue;
            }
            try {
                DnsRecord existing = publishedRecords.get(region);
                if (existing == null && records != null) existing = VoteBoard.findVoteRecord(records, name, region);
                if (existing == null && records == null) continue; // do not create duplicates blindly
                publishedRecords.put(region, board.publish(next, existing));
                published.put(region, next);
                for (Consumer<Vote> l : voteListeners) l.accept(next);
            } catch (LinodeApiException e) {
                if (e.status() == 404) publishedRecords.remove(region); // someone deleted it: recreate next time
                dnsError = "publishing vote about " + region + " failed: " + e.getMessage();
                LOG.warn(name + ": " + dnsError);
            }
        }
        List<Vote> all = new ArrayList<>(others);
        all.addAll(published.values());
        return new ObservationRound(viewAt, results, localStates(), records, all, dnsError);
    }
}
