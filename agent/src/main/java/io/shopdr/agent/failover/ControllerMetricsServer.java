package io.shopdr.agent.failover;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shopdr.agent.BuildInfo;
import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.health.ProbeResult;
import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.health.Vote;
import io.shopdr.agent.linode.LinodeApiMetrics;
import io.shopdr.agent.replication.SemiSyncDurability;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's own HTTP endpoint: {@code /healthz} (200 while cycles run on time, else 503, for the Kubernetes
 * liveness probe) and {@code /metrics} through the Prometheus Java client (controller state, probes, votes,
 * failovers, replication lag, Linode API errors, JVM metrics, {@code shopdr_build_info}).
 *
 * <p>{@code /healthz} is answered on the server's own thread and reads only volatile fields of the controller, so
 * neither a running cycle (which holds the controller's lock through a failover) nor a slow scrape delays it; each
 * scrape runs on a separate thread. A scrape never queries a database: the replication lag gauge is refreshed once
 * per control-loop round, off the loop's thread, and is absent while unknown.
 */
public final class ControllerMetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerMetricsServer.class);
    /** The reasons {@link FailoverController#holding()} names; {@code shopdr_failover_held} has one series each. */
    private static final List<String> HOLD_REASONS = List.of("loss-budget", "no-fence", "paused", "no-witness");

    private final FailoverController controller;
    private final RegionDatabases databases;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpServer server;
    private final ExecutorService scrapes = daemonThread("shopdr-metrics-scrape");
    private final ExecutorService lagSampler = daemonThread("shopdr-metrics-lag");
    private final AtomicBoolean lagSampleRunning = new AtomicBoolean();
    private final Counter probeFailures;
    private final Gauge replicationLag;
    private final Set<String> lagRegions = new HashSet<>();
    private volatile boolean closed;

    /** Serves on {@code port} (0 = any free port) on all interfaces. */
    public ControllerMetricsServer(FailoverController controller, RegionDatabases databases, int port) throws IOException {
        this(controller, databases, new InetSocketAddress(port));
    }

    public ControllerMetricsServer(FailoverController controller, RegionDatabases databases, InetSocketAddress address)
            throws IOException {
        this.controller = controller;
        this.databases = databases;
        this.probeFailures = Counter.builder().name("shopdr_probe_failures_total")
                .help("Probes of a region that failed (no 2xx answer in time), counted once per control-loop round.")
                .labelNames("observer", "region").register(registry);
        this.replicationLag = Gauge.builder().name("shopdr_replication_lag_seconds")
                .help("Seconds a standby region's database is behind the primary, sampled once per control-loop round;"
                        + " absent while unknown.")
                .labelNames("observer", "region").register(registry);
        registerControllerMetrics();
        registry.register(LinodeApiMetrics.ERROR_RESPONSES);
        Info.builder().name("shopdr_build_info").help("The shopdr build this controller runs.").labelNames("version")
                .register(registry).addLabelValues(BuildInfo.version());
        JvmMetrics.builder().register(registry);
        controller.addListener(new ControllerListener() {
            @Override
            public void roundCompleted(String observer, ObservationRound round) {
                onRound(observer, round);
            }
        });

        this.server = HttpServer.create(address, 0);
        MetricsHandler metrics = new MetricsHandler(registry);
        server.createContext("/healthz", this::healthz);
        server.createContext("/metrics", exchange -> {
            try {
                scrapes.execute(() -> {
                    try (exchange) {
                        metrics.handle(exchange);
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("scrape failed: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException closing) {
                exchange.close();
            }
        });
        server.setExecutor(daemonThread("shopdr-healthz"));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The registry behind {@code /metrics} (tests read it without HTTP). */
    PrometheusRegistry registry() {
        return registry;
    }

    private void registerControllerMetrics() {
        String obs = controller.name();
        GaugeWithCallback.builder().name("shopdr_controller_state").help("1 for the controller's current state, 0 for the others.")
                .labelNames("observer", "state")
                .callback(cb -> {
                    ControllerState now = controller.state();
                    for (ControllerState s : ControllerState.values()) cb.call(now == s ? 1 : 0, obs, s.name());
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_primary_region").help("1 for the region this controller sees as primary.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    String primary = controller.primaryRegion();
                    for (RegionConfig r : controller.config().regions()) cb.call(r.name().equals(primary) ? 1 : 0, obs, r.name());
                }).register(registry);
        CounterWithCallback.builder().name("shopdr_failovers_total").help("Failovers this controller performed.")
                .labelNames("observer")
                .callback(cb -> cb.call(controller.failoversTotal(), obs)).register(registry);
        GaugeWithCallback.builder().name("shopdr_probe_success").help("1 when the last probe of the region answered 2xx in time.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    for (ProbeResult p : controller.lastProbeResults()) cb.call(p.healthy() ? 1 : 0, obs, p.region());
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_probe_duration_seconds").help("Duration of the last probe of the region.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    for (ProbeResult p : controller.lastProbeResults()) cb.call(p.latency().toNanos() / 1e9, obs, p.region());
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_region_up")
                .help("This observer's hysteresis verdict on the region: 1 up, 0 down; absent while undecided.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    for (Map.Entry<String, TargetState> e : controller.localView().entrySet()) {
                        if (e.getValue() == TargetState.UP) cb.call(1, obs, e.getKey());
                        else if (e.getValue() == TargetState.DOWN) cb.call(0, obs, e.getKey());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_vote_down")
                .help("The published vote of an observer about a region seen in the last round: 1 down, 0 up.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    for (Vote v : controller.lastVotes()) cb.call(v.targetState() == TargetState.DOWN ? 1 : 0, v.observer(), v.target());
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_vote_age_seconds").help("Age of an observer's published vote about a region.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    Instant now = controller.clock().instant();
                    for (Vote v : controller.lastVotes()) {
                        cb.call(Duration.between(v.writtenAt(), now).toMillis() / 1000.0, v.observer(), v.target());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_failover_paused")
                .help("1 while an operator's pause of automatic failover (shopdr pause) is in force.")
                .labelNames("observer")
                .callback(cb -> {
                    FailoverPause pause = controller.pause();
                    cb.call(pause != null && pause.activeAt(controller.clock().instant()) ? 1 : 0, obs);
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_failover_held")
                .help("1 while this controller holds an automatic failover, by reason.")
                .labelNames("observer", "reason")
                .callback(cb -> {
                    String held = controller.holding();
                    for (String reason : HOLD_REASONS) cb.call(reason.equals(held) ? 1 : 0, obs, reason);
                }).register(registry);
        GaugeWithCallback.builder().name("shopdr_self_fenced")
                .help("1 while this region's database is read-only because its controller lost the quorum.")
                .labelNames("observer")
                .callback(cb -> cb.call(controller.selfFenced() ? 1 : 0, obs)).register(registry);
        GaugeWithCallback.builder().name("shopdr_durability_degraded")
                .help("1 when the stack runs semi-sync but no replica acknowledges the primary's commits (released by the"
                        + " controller while every standby is down, none connected, or timed out); absent while unknown.")
                .labelNames("observer", "region")
                .callback(cb -> {
                    SemiSyncDurability durability = controller.lastDurability();
                    if (durability != null) cb.call(durability.degraded() ? 1 : 0, obs, controller.primaryRegion());
                }).register(registry);
    }

    /** On the controller's thread once per round: count failed probes, start a lag sample unless one still runs. */
    private void onRound(String observer, ObservationRound round) {
        if (closed) return;
        for (ProbeResult p : round.results()) {
            if (!p.healthy()) probeFailures.labelValues(observer, p.region()).inc();
        }
        if (databases == null || !lagSampleRunning.compareAndSet(false, true)) return;
        String primary = controller.primaryRegion();
        try {
            lagSampler.execute(() -> {
                try {
                    sampleLag(primary);
                } finally {
                    lagSampleRunning.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            lagSampleRunning.set(false);
        }
    }

    private void sampleLag(String primary) {
        Map<String, Long> lag;
        try {
            lag = databases.replicationLagSeconds(primary);
        } catch (RuntimeException e) {
            LOG.debug("replication lag unavailable: {}", e.getMessage());
            lag = Map.of();
        }
        String obs = controller.name();
        synchronized (lagRegions) {
            for (String region : lagRegions) {
                if (lag.get(region) == null) replicationLag.remove(obs, region);
            }
            lagRegions.clear();
            for (Map.Entry<String, Long> e : lag.entrySet()) {
                if (e.getValue() == null) continue;
                replicationLag.labelValues(obs, e.getKey()).set(e.getValue());
                lagRegions.add(e.getKey());
            }
        }
    }

    private void healthz(HttpExchange ex) throws IOException {
        // generous: a failover riding out Linode rate limits must not get the controller restarted mid-way
        Duration late = controller.config().probeInterval().multipliedBy(3).plusSeconds(90);
        boolean ok = controller.isRunning() && controller.lastRound() != null && controller.lastCycleAge().compareTo(late) <= 0;
        byte[] body = ((ok ? "ok " : "stale ") + controller.name() + " " + controller.state() + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(ok ? 200 : 503, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
        scrapes.shutdownNow();
        lagSampler.shutdownNow();
    }
}
