package io.shopdr.agent.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incidents one controller (or one failback run) recorded, in order; each is kept in memory, handed to
 * listeners on every change and, when a directory is configured, written there as {@code <id>.json}.
 */
public final class IncidentLog {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentLog.class);

    private final String observer;
    private final Clock clock;
    private final Path dir;
    private final List<Incident> incidents = new CopyOnWriteArrayList<>();
    private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();
    private int counter;

    public IncidentLog(String observer, Clock clock, Path dir) {
        this.observer = observer;
        this.clock = clock;
        this.dir = dir;
    }

    public void addListener(Consumer<Incident> l) {
        listeners.add(l);
    }

    public List<Incident> all() {
        return List.copyOf(incidents);
    }

    /** Opens a new incident. */
    public synchronized Draft open(Incident.Kind kind, String from, String to) {
        Instant now = clock.instant();
        String id = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + observer + "-"
                + now.toString().replace(":", "").replace(".", "") + "-" + (++counter);
        Draft d = new Draft(id, kind, from, to, now);
        d.publish();
        return d;
    }

    /** A running incident; every change is published at once so a crash mid-failover leaves its trace. */
    public final class Draft {
        private final String id;
        private final Incident.Kind kind;
        private final String from;
        private String to;
        private final Instant startedAt;
        private Instant endedAt;
        private Incident.Outcome outcome = Incident.Outcome.IN_PROGRESS;
        private OptionalLong lost = OptionalLong.empty();
        private String lastSeenGtid;
        private final List<TimelineEntry> timeline = new ArrayList<>();

        private Draft(String id, Incident.Kind kind, String from, String to, Instant startedAt) {
            this.id = id;
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.startedAt = startedAt;
        }

        public synchronized Draft add(String event) {
            timeline.add(new TimelineEntry(clock.instant(), event));
            LOG.info(observer + " [" + id + "] " + event);
            publish();
            return this;
        }

        /** The last timeline event (to avoid repeating identical retry messages). */
        public synchronized String lastEvent() {
            return timeline.isEmpty() ? "" : timeline.get(timeline.size() - 1).event();
        }

        public synchronized Draft to(String region) {
            this.to = region;
            publish();
            return this;
        }

        public synchronized Draft rpo(OptionalLong lostTransactions, String lastSeenPrimaryGtid) {
            this.lost = lostTransactions;
            this.lastSeenGtid = lastSeenPrimaryGtid;
            publish();
            return this;
        }

        public synchronized Incident finish(Incident.Outcome how) {
            this.outcome = how;
            this.endedAt = clock.instant();
            return publish();
        }

        public synchronized Incident snapshot() {
            return new Incident(id, kind, observer, from, to, startedAt, endedAt, outcome, lost, lastSeenGtid, timeline);
        }

        private Incident publish() {
            Incident i = snapshot();
            synchronized (IncidentLog.this) {
                int at = -1;
                for (int k = 0; k < incidents.size(); k++) if (incidents.get(k).id().equals(id)) at = k;
                if (at < 0) incidents.add(i);
                else incidents.set(at, i);
            }
            write(i);
            for (Consumer<Incident> l : listeners) l.accept(i);
            return i;
        }
    }

    private void write(Incident i) {
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(i.id() + ".json.tmp");
            Files.writeString(tmp, i.toJson());
            Files.move(tmp, dir.resolve(i.id() + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write incident " + i.id() + " to " + dir + ": " + e.getMessage());
        }
    }
}
