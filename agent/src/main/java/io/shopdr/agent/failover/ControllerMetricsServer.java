package io.shopdr.agent.failover;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.health.ProbeResult;
import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.health.Vote;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The controller's own HTTP endpoint: {@code /healthz} (200 while cycles run on time, else 503, for the
 * Kubernetes liveness probe) and {@code /metrics} in Prometheus text format (probe results, votes, state,
 * failovers total, replication lag).
 */
public final class ControllerMetricsServer implements AutoCloseable {
    private final FailoverController controller;
    private final RegionDatabases databases;
    private final HttpServer server;

    /** Serves on {@code port} (0 = any free port) on all interfaces. */
    public ControllerMetricsServer(FailoverController controller, RegionDatabases databases, int port) throws IOException {
        this(controller, databases, new InetSocketAddress(port));
    }

    public ControllerMetricsServer(FailoverController controller, RegionDatabases databases, InetSocketAddress address)
            throws IOException {
        this.controller = controller;
        this.databases = databases;
        this.server = HttpServer.create(address, 0);
        server.createContext("/healthz", this::healthz);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shopdr-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void healthz(HttpExchange ex) throws IOException {
        ObservationRound r = controller.lastRound();
        // generous: a failover riding out Linode rate limits must not get the controller restarted mid-way
        Duration late = controller.config().probeInterval().multipliedBy(3).plusSeconds(90);
        boolean ok = controller.isRunning() && r != null && controller.lastCycleAge().compareTo(late) <= 0;
        send(ex, ok ? 200 : 503, (ok ? "ok " : "stale ") + controller.name() + " " + controller.state() + "\n");
    }

    private void metrics(HttpExchange ex) throws IOException {
        send(ex, 200, render());
    }

    /** The Prometheus text exposition of the controller's current view. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        String obs = label(controller.name());
        sb.append("# HELP shopdr_controller_state 1 for the controller's current state.\n# TYPE shopdr_controller_state gauge\n");
        for (ControllerState s : ControllerState.values()) {
            sb.append("shopdr_controller_state{observer=").append(obs).append(",state=\"").append(s).append("\"} ")
                    .append(controller.state() == s ? 1 : 0).append('\n');
        }
        sb.append("# HELP shopdr_primary_region 1 for the region this controller sees as primary.\n# TYPE shopdr_primary_region gauge\n");
        for (RegionConfig r : controller.config().regions()) {
            sb.append("shopdr_primary_region{observer=").append(obs).append(",region=").append(label(r.name())).append("} ")
                    .append(r.name().equals(controller.primaryRegion()) ? 1 : 0).append('\n');
        }
        sb.append("# HELP shopdr_failovers_total Failovers this controller performed.\n# TYPE shopdr_failovers_total counter\n");
        sb.append("shopdr_failovers_total{observer=").append(obs).append("} ").append(controller.failoversTotal()).append('\n');
        sb.append("# HELP shopdr_probe_success Last probe of the region answered 2xx.\n# TYPE shopdr_probe_success gauge\n");
        sb.append("# HELP shopdr_probe_duration_seconds Duration of the last probe.\n# TYPE shopdr_probe_duration_seconds gauge\n");
        for (ProbeResult p : controller.lastProbeResults()) {
            sb.append("shopdr_probe_success{observer=").append(obs).append(",region=").append(label(p.region())).append("} ")
                    .append(p.healthy() ? 1 : 0).append('\n');
            sb.append("shopdr_probe_duration_seconds{observer=").append(obs).append(",region=").append(label(p.region())).append("} ")
                    .append(p.latency().toNanos() / 1e9).append('\n');
        }
        sb.append("# HELP shopdr_region_up This observer's hysteresis state of the region (1 up, 0 down, -1 unknown).\n# TYPE shopdr_region_up gauge\n");
        for (Map.Entry<String, TargetState> e : controller.localView().entrySet()) {
            int v = e.getValue() == TargetState.UP ? 1 : e.getValue() == TargetState.DOWN ? 0 : -1;
            sb.append("shopdr_region_up{observer=").append(obs).append(",region=").append(label(e.getKey())).append("} ").append(v).append('\n');
        }
        sb.append("# HELP shopdr_vote_down Published vote of a voter about a region (1 down, 0 up).\n# TYPE shopdr_vote_down gauge\n");
        sb.append("# HELP shopdr_vote_age_seconds Age of the published vote.\n# TYPE shopdr_vote_age_seconds gauge\n");
        Instant now = controller.clock().instant();
        for (Vote v : controller.lastVotes()) {
            String l = "{voter=" + label(v.observer()) + ",region=" + label(v.target()) + "} ";
            sb.append("shopdr_vote_down").append(l).append(v.targetState() == TargetState.DOWN ? 1 : 0).append('\n');
            sb.append("shopdr_vote_age_seconds").append(l).append(Duration.between(v.writtenAt(), now).toMillis() / 1000.0).append('\n');
        }
        FailoverPause pause = controller.pause();
        sb.append("# HELP shopdr_failover_paused 1 while an operator's pause of automatic failover is in force.\n"
                + "# TYPE shopdr_failover_paused gauge\n");
        sb.append("shopdr_failover_paused{observer=").append(obs).append("} ").append(pause != null && pause.activeAt(now) ? 1 : 0).append('\n');
        sb.append("# HELP shopdr_failover_held 1 while this controller holds an automatic failover, by reason.\n"
                + "# TYPE shopdr_failover_held gauge\n");
        String held = controller.holding();
        for (String reason : List.of("loss-budget", "no-fence", "paused", "no-witness")) {
            sb.append("shopdr_failover_held{observer=").append(obs).append(",reason=\"").append(reason).append("\"} ")
                    .append(reason.equals(held) ? 1 : 0).append('\n');
        }
        sb.append("# HELP shopdr_self_fenced 1 while this region's database is read-only because its controller lost the quorum.\n"
                + "# TYPE shopdr_self_fenced gauge\n");
        sb.append("shopdr_self_fenced{observer=").append(obs).append("} ").append(controller.selfFenced() ? 1 : 0).append('\n');
        io.shopdr.agent.replication.SemiSyncDurability durability = controller.lastDurability();
        if (durability != null) {
            sb.append("# HELP shopdr_durability_degraded 1 when semi-sync is on but no replica acknowledges the primary's commits.\n"
                    + "# TYPE shopdr_durability_degraded gauge\n");
            sb.append("shopdr_durability_degraded{observer=").append(obs).append(",region=").append(label(controller.primaryRegion()))
                    .append("} ").append(durability.degraded() ? 1 : 0).append('\n');
        }
        if (databases != null) {
            sb.append("# HELP shopdr_replication_lag_seconds Seconds the standby's database is behind the primary (NaN unknown).\n"
                    + "# TYPE shopdr_replication_lag_seconds gauge\n");
            try {
                for (Map.Entry<String, Long> e : databases.replicationLagSeconds(controller.primaryRegion()).entrySet()) {
                    sb.append("shopdr_replication_lag_seconds{observer=").append(obs).append(",region=").append(label(e.getKey()))
                            .append("} ").append(e.getValue() == null ? "NaN" : e.getValue().toString()).append('\n');
                }
            } catch (RuntimeException e) {
                sb.append("# replication status unavailable\n");
            }
        }
        return sb.toString();
    }

    private static String label(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
