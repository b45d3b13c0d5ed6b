package io.shopdr.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.shopdr.sim.linode.ratelimit.LimitClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one drill run measured, every figure known or unknown with the reason ({@link Figure}); the drill's flow fills
 * a {@link Builder} phase by phase. Times are milliseconds after the kill unless named otherwise.
 *
 * <p>Which figure is which: {@code switch_rto_ms} is the kill to the zone's record changing (what the controllers
 * achieved); {@code client_rto_ms} / {@code client_rto_p99_ms} are the kill to each client's first acknowledged
 * order, median and 99th percentile over clients (what customers saw, DNS caches included); {@code rto_ms} is the
 * client median; {@code first_ack_after_kill_ms} is the first acknowledged order of any client.
 *
 * @param commitLatencySource where the commit latency was measured (the clients' POST /orders round trips, which
 *                            include the client's link, or the storefront)
 * @param apiRequestsPerMin   the controllers' steady-state Linode API rate by limit class: requests from the start of the
 *                            steady load to the fault, scaled to a minute (empty: not measured)
 */
public record DrillMeasurements(
        @JsonProperty("kill_at_ms") Figure killAtMs,
        @JsonProperty("detection_ms") Figure detectionMs,
        @JsonProperty("promotion_ms") Figure promotionMs,
        @JsonProperty("dns_switch_ms") Figure dnsSwitchMs,
        @JsonProperty("switch_rto_ms") Figure switchRtoMs,
        @JsonProperty("first_ack_after_kill_ms") Figure firstAckAfterKillMs,
        @JsonProperty("client_rto_ms") Figure clientRtoMs,
        @JsonProperty("client_rto_p99_ms") Figure clientRtoP99Ms,
        @JsonProperty("clients") int clients,
        @JsonProperty("clients_never_recovered") int clientsNeverRecovered,
        @JsonIgnore Map<String, Optional<Duration>> clientTimeToFirstSuccess,
        @JsonProperty("acked_orders") long ackedOrders,
        @JsonProperty("lost_acked_orders") Figure lostAckedOrders,
        @JsonProperty("lost_order_ids") List<String> lostOrderIds,
        @JsonProperty("reported_rpo_transactions") Figure reportedRpoTransactions,
        @JsonProperty("rpo_reported_by") String rpoReportedBy,
        @JsonProperty("committed_unacknowledged_orders") Figure committedUnacknowledgedOrders,
        @JsonProperty("errant_transactions_on_old_primary") Figure errantTransactionsOnOldPrimary,
        @JsonProperty("switchback_lost_orders") Figure switchbackLostOrders,
        @JsonProperty("switchback_ms") Figure switchbackMs,
        @JsonProperty("rtt_ms") Figure rttMs,
        @JsonProperty("commit_latency_p50_ms") Figure commitLatencyP50Ms,
        @JsonProperty("commit_latency_p99_ms") Figure commitLatencyP99Ms,
        @JsonProperty("commit_latency_source") String commitLatencySource,
        @JsonProperty("replication_lag_p99_ms") Figure replicationLagP99Ms,
        @JsonProperty("regions") List<String> regions,
        @JsonProperty("engine_version") String engineVersion,
        @JsonProperty("probe_interval_ms") Figure probeIntervalMs,
        @JsonProperty("failure_threshold") Figure failureThreshold,
        @JsonProperty("api_requests_per_min") Map<String, Integer> apiRequestsPerMin) {

    public DrillMeasurements {
        clientTimeToFirstSuccess = Map.copyOf(clientTimeToFirstSuccess);
        lostOrderIds = List.copyOf(lostOrderIds);
        regions = List.copyOf(regions);
        apiRequestsPerMin = Map.copyOf(apiRequestsPerMin);
    }

    /** The client-visible median RTO ({@code rto_ms}). */
    @JsonProperty("rto_ms")
    public Figure rtoMs() {
        return clientRtoMs;
    }

    /** Why the RPO the controller reported is unknown, or null when it is known. */
    @JsonProperty("rpo_unknown_reason")
    public String rpoUnknownReason() {
        return reportedRpoTransactions.unknownReason();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Filled by the drill's flow phase by phase; whatever is never set stays unknown with a reason. */
    public static final class Builder {
        private static final String NOT_REACHED = "the drill ended before this step";
        private Figure killAtMs = Figure.unknown("the drill ended before the kill");
        private OptionalLong detectedAtMs = OptionalLong.empty();
        private OptionalLong promotedAtMs = OptionalLong.empty();
        private OptionalLong dnsSwitchedAtMs = OptionalLong.empty();
        private OptionalLong zoneChangedAtMs = OptionalLong.empty();
        private OptionalLong firstAckAtMs = OptionalLong.empty();
        private Map<String, Optional<Duration>> clientTimes = Map.of();
        private long ackedOrders;
        private Figure lost = Figure.unknown(NOT_REACHED);
        private List<String> lostIds = List.of();
        private Figure reportedRpo = Figure.unknown(NOT_REACHED);
        private String rpoReportedBy;
        private Figure committedUnacknowledged = Figure.unknown(NOT_REACHED);
        private Figure errant = Figure.unknown(NOT_REACHED);
        private Figure switchbackLost = Figure.unknown(NOT_REACHED);
        private Figure switchbackMs = Figure.unknown(NOT_REACHED);
        private Figure rttMs = Figure.unknown("not measured by this drill");
        private List<Long> commitLatenciesMs = List.of();
        private String commitLatencySource = "not measured";
        private List<Long> replicationLagsMs = List.of();
        private List<String> regions = List.of();
        private String engineVersion = "unknown";
        private Figure probeIntervalMs = Figure.unknown("not known to this drill");
        private Figure failureThreshold = Figure.unknown("not known to this drill");
        private Map<String, Integer> apiRequestsPerMin = Map.of();

        /** The regions, primary first. */
        public Builder regions(List<String> regions) {
            this.regions = List.copyOf(regions);
            return this;
        }

        /** The database engine and version as the servers report it (e.g. "MariaDB 10.11.8"). */
        public Builder engineVersion(String v) {
            this.engineVersion = Objects.requireNonNull(v, "engineVersion");
            return this;
        }

        /** The round-trip time between the regions (the WAN's, or 0 on loopback). */
        public Builder rtt(Figure ms) {
            this.rttMs = Objects.requireNonNull(ms, "rtt");
            return this;
        }

        /** The controllers' production settings the drill ran with. */
        public Builder controllerSettings(Duration probeInterval, int failureThreshold) {
            this.probeIntervalMs = Figure.of(probeInterval.toMillis());
            this.failureThreshold = Figure.of(failureThreshold);
            return this;
        }

        /** The moment region A was killed (drill clock ms). */
        public Builder killedAt(long drillMs) {
            this.killAtMs = Figure.of(drillMs);
            return this;
        }

        /** When the controllers declared the primary down, promoted, and wrote the DNS switch (drill clock ms). */
        public Builder controllerSteps(OptionalLong detectedAtMs, OptionalLong promotedAtMs, OptionalLong dnsSwitchedAtMs) {
            this.detectedAtMs = detectedAtMs;
            this.promotedAtMs = promotedAtMs;
            this.dnsSwitchedAtMs = dnsSwitchedAtMs;
            return this;
        }

        /** When the zone's record (as the Linode API holds it) first changed after the kill (drill clock ms). */
        public Builder zoneChangedAt(OptionalLong drillMs) {
            this.zoneChangedAtMs = drillMs;
            return this;
        }

        /** When the first order of any client started after the kill was acknowledged (drill clock ms). */
        public Builder firstAckAt(OptionalLong drillMs) {
            this.firstAckAtMs = drillMs;
            return this;
        }

        /** Each client's time from the kill to its first acknowledged order ({@code TimeToFirstSuccess.perClient}). */
        public Builder clientTimes(Map<String, Optional<Duration>> perClient) {
            this.clientTimes = new LinkedHashMap<>(perClient);
            return this;
        }

        public Builder ackedOrders(long n) {
            this.ackedOrders = n;
            return this;
        }

        /** Acknowledged orders missing on the new primary. */
        public Builder loss(List<String> lostOrderIds) {
            this.lostIds = List.copyOf(lostOrderIds);
            this.lost = Figure.of(lostOrderIds.size());
            return this;
        }

        /**
         * The RPO the system reported (transactions; unknown: say why) and who reported it: the controller at the
         * failover, or the rejoin of the old primary (its errant transactions) when the controller could not know.
         */
        public Builder reportedRpo(Figure transactions, String reportedBy) {
            this.reportedRpo = Objects.requireNonNull(transactions);
            this.rpoReportedBy = transactions.isKnown() ? Objects.requireNonNull(reportedBy, "reportedBy") : null;
            return this;
        }

        /**
         * Orders the old primary committed that the new primary lacks and no client saw acknowledged: counted in the
         * RPO (transactions), not in the lost acknowledged orders.
         */
        public Builder committedUnacknowledged(long n) {
            this.committedUnacknowledged = Figure.of(n);
            return this;
        }

        public Builder errantTransactions(long n) {
            this.errant = Figure.of(n);
            return this;
        }

        /** The planned switch back: time to the first order the old primary acknowledged, and orders lost by it. */
        public Builder switchback(Figure ms, long lostOrders) {
            this.switchbackMs = ms;
            this.switchbackLost = Figure.of(lostOrders);
            return this;
        }

        /** A drill that restores no old primary and switches nothing back says why those figures do not exist. */
        public Builder noRestore(String why) {
            this.errant = Figure.unknown(why);
            this.switchbackMs = Figure.unknown(why);
            this.switchbackLost = Figure.unknown(why);
            return this;
        }

        /** Commit latencies of acknowledged orders (ms) and where they were measured. */
        public Builder commitLatencies(Collection<Long> ms, String source) {
            this.commitLatenciesMs = new ArrayList<>(ms);
            this.commitLatencySource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Replication lag samples (ms) over the run. */
        public Builder replicationLags(Collection<Long> ms) {
            this.replicationLagsMs = new ArrayList<>(ms);
            return this;
        }

        /** Linode API requests a minute by limit class (JSON keys {@code paginated_collection}, {@code other}). */
        public Builder apiRequestsPerMin(Map<LimitClass, Integer> byClass) {
            Map<String, Integer> named = new LinkedHashMap<>();
            byClass.forEach((c, n) -> named.put(c.name().toLowerCase(java.util.Locale.ROOT), n));
            this.apiRequestsPerMin = named;
            return this;
        }

        public DrillMeasurements build() {
            String noClients = "no client recorded an order after the kill";
            List<Optional<Duration>> times = List.copyOf(clientTimes.values());
            Figure median = clientPercentile(times, 50, noClients);
            Figure p99 = clientPercentile(times, 99, noClients);
            int never = (int) times.stream().filter(Optional::isEmpty).count();
            return new DrillMeasurements(killAtMs,
                    Figure.between(killAtMs, detectedAtMs, "the controllers never declared the primary down"),
                    Figure.between(killAtMs, promotedAtMs, "no standby was promoted"),
                    Figure.between(killAtMs, dnsSwitchedAtMs, "the controllers never switched DNS"),
                    Figure.between(killAtMs, zoneChangedAtMs, "the zone's record never changed"),
                    Figure.between(killAtMs, firstAckAtMs, "no order was acknowledged after the kill"),
                    median, p99, times.size(), never, clientTimes, ackedOrders, lost, lostIds, reportedRpo, rpoReportedBy, committedUnacknowledged, errant,
                    switchbackLost, switchbackMs, rttMs,
                    Figure.percentile(commitLatenciesMs, 50, "no acknowledged order to time"),
                    Figure.percentile(commitLatenciesMs, 99, "no acknowledged order to time"), commitLatencySource,
                    Figure.percentile(replicationLagsMs, 99, "no replication lag sample"), regions, engineVersion,
                    probeIntervalMs, failureThreshold, apiRequestsPerMin);
        }

        private static Figure clientPercentile(List<Optional<Duration>> times, double p, String whyEmpty) {
            if (times.isEmpty()) return Figure.unknown(whyEmpty);
            Optional<Duration> t = io.shopdr.sim.clients.TimeToFirstSuccess.percentile(times, p);
            return t.map(d -> Figure.of(d.toMillis())).orElseGet(() -> Figure.unknown("the client at the "
                    + (p == 50 ? "median" : "p" + (int) p) + " never had an order acknowledged after the kill"));
        }
    }
}
