package io.shopdr.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The measured outcome of one drill run: all durations are milliseconds after the kill (null when the step never
 * happened), order counts come from the load generator's acknowledgements compared with the database rows, and
 * {@code reportedRpoTransactions} is what the failover controller said it lost (null = it said "unknown").
 * {@code regions} and {@code ingressIps} are parallel lists, primary first (they label the timeline).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"mode", "replication", "dns", "seed", "ok", "problems", "rto_ms", "detection_ms", "promotion_ms",
        "dns_switch_ms", "acked_orders", "lost_acked_orders", "reported_rpo_transactions",
        "errant_transactions_on_old_primary", "switchback_lost_orders", "switchback_ms", "kill_at_ms",
        "lost_order_ids", "phases"})
public record DrillResult(
        @JsonProperty("mode") String mode,
        @JsonProperty("replication") String replication,
        @JsonProperty("dns") String dns,
        @JsonProperty("seed") long seed,
        @JsonProperty("kill_at_ms") Long killAtMs,
        @JsonProperty("detection_ms") Long detectionMs,
        @JsonProperty("promotion_ms") Long promotionMs,
        @JsonProperty("dns_switch_ms") Long dnsSwitchMs,
        @JsonProperty("rto_ms") Long rtoMs,
        @JsonProperty("acked_orders") long ackedOrders,
        @JsonProperty("lost_acked_orders") Long lostAckedOrders,
        @JsonProperty("lost_order_ids") List<String> lostOrderIds,
        @JsonProperty("reported_rpo_transactions") Long reportedRpoTransactions,
        @JsonProperty("errant_transactions_on_old_primary") Long errantTransactionsOnOldPrimary,
        @JsonProperty("switchback_lost_orders") Long switchbackLostOrders,
        @JsonProperty("switchback_ms") Long switchbackMs,
        @JsonProperty("phases") List<DrillPhase> phases,
        @JsonProperty("problems") List<String> problems,
        @JsonIgnore List<TimelineSample> timeline,
        @JsonIgnore List<OrderAttempt> attempts,
        @JsonIgnore List<String> regions,
        @JsonIgnore List<String> ingressIps) {

    /** True when the drill completed every phase and its invariants held. */
    @JsonProperty("ok")
    public boolean ok() {
        return problems.isEmpty() && phases.stream().allMatch(DrillPhase::ok);
    }
}
