package io.shopdr.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import io.shopdr.drill.checker.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one drill run: what kind of drill it was, its {@link DrillMeasurements} (flattened into the JSON),
 * its phases and the problems found. The traces behind the figures (the observer's samples, every order attempt,
 * the zone's changes) feed the report and are not part of the JSON. {@code ingressIps} are
 * parallel to {@code measurements().regions()}, primary first (they label the timeline). Build it with
 * {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"mode", "fault", "replication", "dns", "seed", "ok", "problems", "invariants", "rto_ms", "client_rto_ms",
        "client_rto_p99_ms", "switch_rto_ms", "detection_ms", "promotion_ms", "dns_switch_ms", "first_ack_after_kill_ms",
        "acked_orders", "lost_acked_orders", "reported_rpo_transactions", "rpo_unknown_reason",
        "errant_transactions_on_old_primary", "switchback_lost_orders", "switchback_ms", "kill_at_ms", "rtt_ms",
        "commit_latency_p50_ms", "commit_latency_p99_ms", "commit_latency_source", "replication_lag_p99_ms", "regions",
        "engine_version", "probe_interval_ms", "failure_threshold", "api_requests_per_min", "clients",
        "clients_never_recovered", "lost_order_ids", "phases"})
public record DrillResult(
        @JsonProperty("mode") String mode,
        @JsonProperty("fault") String fault,
        @JsonProperty("replication") String replication,
        @JsonProperty("dns") String dns,
        @JsonProperty("seed") long seed,
        @JsonUnwrapped DrillMeasurements measurements,
        @JsonProperty("phases") List<DrillPhase> phases,
        @JsonProperty("problems") List<String> problems,
        @JsonProperty("invariants") Map<String, Verdict> invariants,
        @JsonIgnore DrillTraces traces,
        @JsonIgnore List<String> ingressIps) {

    public DrillResult {
        Objects.requireNonNull(measurements, "measurements");
        phases = List.copyOf(phases);
        problems = List.copyOf(problems);
        invariants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(invariants));
        ingressIps = List.copyOf(ingressIps);
    }

    /** True when the drill completed every phase and its invariants held. */
    @JsonProperty("ok")
    public boolean ok() {
        return problems.isEmpty() && phases.stream().allMatch(DrillPhase::ok);
    }

    /** The regions, primary first (from the measurements). */
    @JsonIgnore
    public List<String> regions() {
        return measurements.regions();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: mode, replication and DNS say what kind of drill ran; the rest is what it measured and saw. */
    public static final class Builder {
        private String mode;
        private String fault = "kill";
        private Map<String, Verdict> invariants = Map.of();
        private String replication;
        private String dns;
        private long seed;
        private DrillMeasurements measurements;
        private final List<DrillPhase> phases = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private DrillTraces traces = DrillTraces.EMPTY;
        private List<String> ingressIps = List.of();

        /** "local" or "cloud". */
        public Builder mode(String v) { this.mode = v; return this; }
        /** The nemesis's fault ({@code kill} unless another was injected). */
        public Builder fault(String v) { this.fault = Objects.requireNonNull(v); return this; }
        /** The checker's verdicts, invariant name to verdict (empty when the checker did not run). */
        public Builder invariants(Map<String, Verdict> v) { this.invariants = Objects.requireNonNull(v); return this; }
        /** "async", "semi-sync" or "as deployed". */
        public Builder replication(String v) { this.replication = v; return this; }
        /** What served DNS, in words ("simulated (…)", "Linode DNS (…)"). */
        public Builder dns(String v) { this.dns = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        public Builder measurements(DrillMeasurements v) { this.measurements = v; return this; }
        public Builder phases(List<DrillPhase> v) { this.phases.addAll(v); return this; }
        public Builder problems(List<String> v) { this.problems.addAll(v); return this; }
        public Builder traces(DrillTraces v) { this.traces = Objects.requireNonNull(v); return this; }
        /** Ingress addresses parallel to the measurements' regions. */
        public Builder ingressIps(List<String> v) { this.ingressIps = v; return this; }

        public DrillResult build() {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(replication, "replication");
            Objects.requireNonNull(dns, "dns");
            return new DrillResult(mode, fault, replication, dns, seed,
                    measurements != null ? measurements : DrillMeasurements.builder().build(), phases, problems, invariants, traces,
                    ingressIps);
        }
    }

    /**
     * The raw material behind the figures: the observer's samples, the load generator's order attempts, the moments
     * the zone's record changed (drill clock ms, {@code ZoneFeed.changesMs()}) and the longest propagation delay a
     * resolver had (ms, {@code ClientLoad.maxPropagation()}; 0 when every client saw the zone at once).
     */
    public record DrillTraces(List<TimelineSample> timeline, List<OrderAttempt> attempts, List<Long> zoneChangesMs,
                              long maxPropagationMs) {
        public static final DrillTraces EMPTY = new DrillTraces(List.of(), List.of(), List.of(), 0);

        public DrillTraces {
            timeline = List.copyOf(timeline);
            attempts = List.copyOf(attempts);
            zoneChangesMs = List.copyOf(zoneChangesMs);
        }
    }
}
