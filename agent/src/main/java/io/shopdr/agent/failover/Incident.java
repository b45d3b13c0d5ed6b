package io.shopdr.agent.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What happened in one failover, failback or all-regions-down episode: kind, regions, start and end, outcome, the
 * RPO estimate (transactions lost; empty when unknown) and the timestamped timeline. Written as JSON for
 * operators and read by the drill for its RTO/RPO report.
 */
public record Incident(String id, Kind kind, String observer, String fromRegion, String toRegion, Instant startedAt,
                       Instant endedAt, Outcome outcome, OptionalLong lostTransactions, String lastSeenPrimaryGtid,
                       List<TimelineEntry> timeline) {

    /** What the incident is about. */
    public enum Kind {
        FAILOVER, FAILBACK, ALL_DOWN, FAILOVER_HELD, SELF_FENCE, DURABILITY_DEGRADED, DURABILITY_RESTORED,
        /** A primary a failover replaced, fenced by the new primary's controller once it answered again. */
        REPLACED_PRIMARY_FENCE
    }

    /** How it ended (IN_PROGRESS while running). */
    public enum Outcome { IN_PROGRESS, COMPLETED, FAILED, ALERTED }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Incident {
        timeline = List.copyOf(timeline);
        lostTransactions = lostTransactions == null ? OptionalLong.empty() : lostTransactions;
    }

    /** Time from start to end (empty while in progress). */
    public java.util.Optional<Duration> duration() {
        return endedAt == null ? java.util.Optional.empty() : java.util.Optional.of(Duration.between(startedAt, endedAt));
    }

    /** The time of the first timeline entry containing {@code text}, if any. */
    public java.util.Optional<Instant> timeOf(String text) {
        return timeline.stream().filter(e -> e.event().contains(text)).map(TimelineEntry::at).findFirst();
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("kind", kind.name());
        n.put("observer", observer);
        n.put("fromRegion", fromRegion);
        n.put("toRegion", toRegion);
        n.put("startedAt", startedAt.toString());
        n.put("endedAt", endedAt == null ? null : endedAt.toString());
        n.put("outcome", outcome.name());
        if (lostTransactions.isPresent()) n.put("rpoTransactions", lostTransactions.getAsLong());
        else n.putNull("rpoTransactions");
        n.put("lastSeenPrimaryGtid", lastSeenPrimaryGtid);
        duration().ifPresent(d -> n.put("durationMs", d.toMillis()));
        ArrayNode t = n.putArray("timeline");
        for (TimelineEntry e : timeline) t.addObject().put("at", e.at().toString()).put("event", e.event());
        try {
            return JSON.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
