package io.shopdr.drill.clients;

import io.shopdr.drill.DrillClock;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.sim.clients.AuthoritativeZone;
import io.shopdr.sim.clients.ZoneAnswer;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the shop's A records from the Linode API simulator's state (not through its HTTP API, so the copy costs
 * nothing against the rate limits the controllers must stay under) into an {@link AuthoritativeZone}, every
 * {@code period}; a change is stamped with the instant it was seen, so figures derived from it (the switch RTO)
 * are late by at most one period. Also keeps the drill-clock moments the records changed, for the report's markers.
 */
public final class ZoneFeed implements AutoCloseable {
    /** How often the simulator's records are copied: the switch RTO's resolution. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(100);

    private final LinodeApiSimulator simulator;
    private final String domain;
    private final DrillClock drillClock;
    private final Clock clock;
    private final AuthoritativeZone zone = new AuthoritativeZone();
    private final Map<String, ZoneAnswer> current = new HashMap<>();
    private final List<Long> changesMs = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;

    private ZoneFeed(LinodeApiSimulator simulator, String domain, DrillClock drillClock, Clock clock) {
        this.simulator = simulator;
        this.domain = domain;
        this.drillClock = drillClock;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zone-feed");
            t.setDaemon(true);
            return t;
        });
    }

    /** Copies the records now and then every {@code period} until closed. */
    public static ZoneFeed start(LinodeApiSimulator simulator, String domain, DrillClock drillClock, Duration period) {
        ZoneFeed feed = new ZoneFeed(simulator, domain, drillClock, Clock.systemUTC());
        feed.copy();
        feed.poller.scheduleWithFixedDelay(feed::copy, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return feed;
    }

    /** The zone as the source of truth has had it, for the clients' resolvers. */
    public AuthoritativeZone zone() {
        return zone;
    }

    /** Drill-clock moments an A record of the shop changed (its first copy is not a change). */
    public List<Long> changesMs() {
        return List.copyOf(changesMs);
    }

    /** The first change at or after {@code drillMs}. */
    public OptionalLong firstChangeAfter(long drillMs) {
        return changesMs.stream().mapToLong(Long::longValue).filter(t -> t >= drillMs).min();
    }

    /** The fully qualified name of a record: {@code ""} is the zone's apex. */
    public static String fqdn(String recordName, String domain) {
        return recordName == null || recordName.isEmpty() ? domain : recordName + "." + domain;
    }

    synchronized void copy() {
        Instant now = clock.instant();
        Map<String, ZoneAnswer> seen = new HashMap<>();
        for (DnsRecord r : simulator.records(domain)) {
            if ("A".equals(r.type())) seen.put(fqdn(r.name(), domain), new ZoneAnswer(r.target(), Duration.ofSeconds(r.ttlSec())));
        }
        boolean first = current.isEmpty();
        // the records the zone starts with have been there for days in production: every resolver, however far its
        // nameservers trail, already answers them (published "since ever", not at the drill's start)
        Instant since = first ? Instant.EPOCH : now;
        boolean changed = false;
        for (var e : seen.entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                zone.publish(e.getKey(), since, e.getValue());
                changed |= current.containsKey(e.getKey()) && !current.get(e.getKey()).address().equals(e.getValue().address());
            }
        }
        for (String gone : new ArrayList<>(current.keySet())) {
            if (!seen.containsKey(gone)) {
                zone.remove(gone, now);
                changed = true;
            }
        }
        current.clear();
        current.putAll(seen);
        if (changed && !first) changesMs.add(drillClock.nowMs());
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
