package io.shopdr.drill;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One step of a drill with its start and end on the drill clock, whether it reached its goal, and what it saw. */
public record DrillPhase(@JsonProperty("name") String name,
                         @JsonProperty("start_ms") long startMs,
                         @JsonProperty("end_ms") long endMs,
                         @JsonProperty("ok") boolean ok,
                         @JsonProperty("detail") String detail) {

    @JsonProperty("duration_ms")
    public long durationMs() {
        return endMs - startMs;
    }
}
