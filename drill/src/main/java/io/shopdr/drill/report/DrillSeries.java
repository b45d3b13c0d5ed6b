package io.shopdr.drill.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import java.util.ArrayList;
import java.util.List;

/**
 * Several drill runs and their distributions ({@code --runs N}): median and p95 RTO, worst lost acknowledged
 * orders. Top-level {@code rto_ms} is the median and {@code lost_acked_orders} the maximum, so a threshold check
 * reads the same fields for one run or many.
 */
@JsonPropertyOrder({"mode", "replication", "runs", "ok", "rto_ms", "rto_ms_median", "rto_ms_p95", "rto_ms_max",
        "client_rto_p99_ms", "switch_rto_ms_median", "switch_rto_ms_p95", "detection_ms", "promotion_ms", "dns_switch_ms", "acked_orders", "lost_acked_orders",
        "reported_rpo_transactions", "switchback_lost_orders", "lost_equals_reported_rpo_in_every_run", "results"})
public record DrillSeries(@JsonProperty("results") List<DrillResult> results) {

    @JsonProperty("mode") public String mode() { return results.get(0).mode(); }
    @JsonProperty("replication") public String replication() { return results.get(0).replication(); }
    @JsonProperty("runs") public int runs() { return results.size(); }
    @JsonProperty("ok") public boolean ok() { return results.stream().allMatch(DrillResult::ok); }
    /** Median over runs of each run's client-visible median RTO. */
    @JsonProperty("rto_ms") public Long rtoMs() { return rtoMedian(); }
    @JsonProperty("rto_ms_median") public Long rtoMedian() { return percentile(values(DrillMeasurements::rtoMs), 50); }
    @JsonProperty("rto_ms_p95") public Long rtoP95() { return percentile(values(DrillMeasurements::rtoMs), 95); }
    @JsonProperty("rto_ms_max") public Long rtoMax() { return max(values(DrillMeasurements::rtoMs)); }
    /** Median over runs of each run's p99 over clients. */
    @JsonProperty("client_rto_p99_ms") public Long clientRtoP99Median() { return percentile(values(DrillMeasurements::clientRtoP99Ms), 50); }
    @JsonProperty("switch_rto_ms_median") public Long switchRtoMedian() { return percentile(values(DrillMeasurements::switchRtoMs), 50); }
    @JsonProperty("switch_rto_ms_p95") public Long switchRtoP95() { return percentile(values(DrillMeasurements::switchRtoMs), 95); }
    @JsonProperty("detection_ms") public Long detectionMedian() { return percentile(values(DrillMeasurements::detectionMs), 50); }
    @JsonProperty("promotion_ms") public Long promotionMedian() { return percentile(values(DrillMeasurements::promotionMs), 50); }
    @JsonProperty("dns_switch_ms") public Long dnsSwitchMedian() { return percentile(values(DrillMeasurements::dnsSwitchMs), 50); }
    @JsonProperty("acked_orders") public long ackedOrders() { return results.stream().mapToLong(r -> r.measurements().ackedOrders()).sum(); }
    @JsonProperty("lost_acked_orders") public Long maxLost() { return max(values(DrillMeasurements::lostAckedOrders)); }
    @JsonProperty("reported_rpo_transactions") public Long maxReportedRpo() { return max(values(DrillMeasurements::reportedRpoTransactions)); }
    @JsonProperty("switchback_lost_orders") public Long maxSwitchbackLost() { return max(values(DrillMeasurements::switchbackLostOrders)); }

    /**
     * Whether every run's lost acknowledged orders equal the RPO its controller reported whenever it reported one
     * (the honesty check; an unknown RPO claims nothing).
     */
    @JsonProperty("lost_equals_reported_rpo_in_every_run")
    public boolean lostEqualsReportedInEveryRun() {
        // lost (+ orders committed but never acknowledged, when counted) = reported whenever the RPO is known; an
        // unknown RPO (said why in the run) claims nothing
        return results.stream().map(DrillResult::measurements).allMatch(m -> m.lostAckedOrders().isKnown()
                && (!m.reportedRpoTransactions().isKnown() || m.lostAckedOrders().getAsLong()
                        + m.committedUnacknowledgedOrders().value().orElse(0) == m.reportedRpoTransactions().getAsLong()));
    }

    private List<Long> values(java.util.function.Function<DrillMeasurements, Figure> f) {
        List<Long> v = new ArrayList<>();
        for (DrillResult r : results) f.apply(r.measurements()).value().ifPresent(v::add);
        return v;
    }

    /** Nearest-rank percentile; null for no values. */
    static Long percentile(List<Long> values, int p) {
        return Figure.percentile(values, p, "no values").jsonValue();
    }

    private static Long max(List<Long> values) {
        return values.stream().max(Long::compare).orElse(null);
    }
}
