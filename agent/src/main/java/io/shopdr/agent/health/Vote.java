package io.shopdr.agent.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One observer's published view of one region, stored as the JSON text of a TXT record
 * {@code _shopdr-vote-<observer>}: {@code since} is when the state began, {@code sequence} counts the observer's
 * state changes, {@code at} is when the vote was last written (freshness: a vote not rewritten for a few probe
 * intervals counts as absent, so a dead observer stops counting).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Vote(@JsonProperty("observer") String observer,
                   @JsonProperty("target") String target,
                   @JsonProperty("state") String state,
                   @JsonProperty("since") String since,
                   @JsonProperty("sequence") long sequence,
                   @JsonProperty("at") String at) {

    /** TXT record name prefix; the record name is the prefix plus the observer name. */
    public static final String RECORD_PREFIX = "_shopdr-vote-";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public Vote {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(target, "target");
        TargetState.ofWord(state);
    }

    public static Vote of(String observer, String target, TargetState state, Instant since, long sequence, Instant at) {
        return new Vote(observer, target, state.word(), since.toString(), sequence, at.toString());
    }

    public TargetState targetState() {
        return TargetState.ofWord(state);
    }

    public Instant writtenAt() {
        return Instant.parse(at);
    }

    /** The same vote rewritten at {@code now} (a keep-alive: state, since and sequence unchanged). */
    public Vote refreshedAt(Instant now) {
        return new Vote(observer, target, state, since, sequence, now.toString());
    }

    public String recordName() {
        return RECORD_PREFIX + observer;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a vote TXT value; throws IllegalArgumentException naming the problem for foreign or damaged records. */
    public static Vote parse(String json) {
        String text = json == null ? "" : json.trim();
        // Some DNS APIs hand TXT values back quoted.
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        try {
            Vote v = JSON.readValue(text, Vote.class);
            if (v.at() == null) throw new IllegalArgumentException("vote has no 'at' timestamp: " + json);
            Instant.parse(v.at());
            Instant.parse(v.since());
            return v;
        } catch (JsonProcessingException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a shopdr vote: " + json + " (" + e.getMessage() + ")");
        }
    }
}
