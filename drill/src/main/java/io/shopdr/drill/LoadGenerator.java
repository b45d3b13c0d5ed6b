package io.shopdr.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Places orders like customers would: every order goes to the address the (simulated) zone resolves at that
 * moment, and an order counts as acknowledged only when the storefront answered 201 with its id. The recorded
 * attempts are the ground truth for RTO (first acknowledged order after the kill) and for lost acknowledged orders.
 */
public final class LoadGenerator implements AutoCloseable {
    /** The generator's name as one client in client-RTO figures. */
    public static final String CLIENT_ID = "load-generator";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DrillClock clock;
    private final Supplier<String> resolver;
    private final java.util.function.Function<String, URI> orderUri;
    private final long intervalMs;
    private final int workers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(1000)).build();
    private final ConcurrentLinkedQueue<OrderAttempt> attempts = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param resolver returns the ingress address the zone points the shop's name at now (null when none)
     * @param port the storefronts' port
     * @param ordersPerSecond target rate across all workers
     */
    public LoadGenerator(DrillClock clock, Supplier<String> resolver, int port, int ordersPerSecond, int workers) {
        this(clock, resolver, target -> URI.create("http://" + target + ":" + port + "/orders"), ordersPerSecond, workers);
    }

    /**
     * @param resolver returns the address the shop's name resolves to now (null when none); recorded per attempt
     * @param orderUri the order URL to use for a resolved address
     */
    public LoadGenerator(DrillClock clock, Supplier<String> resolver, java.util.function.Function<String, URI> orderUri,
                         int ordersPerSecond, int workers) {
        if (ordersPerSecond < 1) throw new DrillException("--orders-per-second must be at least 1");
        this.clock = clock;
        this.resolver = resolver;
        this.orderUri = orderUri;
        this.workers = workers;
        this.intervalMs = Math.max(1, 1000L * workers / ordersPerSecond);
    }

    public void start() {
        running = true;
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::loop, "load-generator-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        long next = clock.nowMs();
        while (running) {
            attempts.add(placeOrder());
            next += intervalMs;
            long sleep = next - clock.nowMs();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = clock.nowMs();
            }
        }
    }

    private OrderAttempt placeOrder() {
        long sent = clock.nowMs();
        String target;
        try {
            target = resolver.get();
        } catch (RuntimeException e) {
            target = null;
        }
        if (target == null) return new OrderAttempt(sent, clock.nowMs(), null, null, "name does not resolve");
        try {
            HttpRequest req = HttpRequest.newBuilder(orderUri.apply(target))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"items\":1}"))
                    .build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() == 201) {
                JsonNode body = JSON.readTree(resp.body());
                JsonNode region = body.path("region");
                return new OrderAttempt(sent, clock.nowMs(), target, body.path("id").asText(), null,
                        region.isTextual() ? region.asText() : null);
            }
            return new OrderAttempt(sent, clock.nowMs(), target, null, "HTTP " + resp.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrderAttempt(sent, clock.nowMs(), target, null, "interrupted");
        } catch (Exception e) {
            return new OrderAttempt(sent, clock.nowMs(), target, null, e.getClass().getSimpleName());
        }
    }

    /** Every attempt so far, in completion order. */
    public List<OrderAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** When the first order started at or after {@code fromMs} was acknowledged (drill clock ms), if one was. */
    public OptionalLong firstAckAfter(long fromMs) {
        return attempts().stream().filter(a -> a.acknowledged() && a.sentMs() >= fromMs)
                .mapToLong(OrderAttempt::answeredMs).min();
    }

    /** Round trips (ms) of the orders acknowledged that were sent before {@code beforeMs}: commit latency as a client sees it. */
    public List<Long> acknowledgedLatenciesBefore(long beforeMs) {
        return attempts().stream().filter(a -> a.acknowledged() && a.sentMs() < beforeMs)
                .map(a -> a.answeredMs() - a.sentMs()).toList();
    }

    /** Ids of every acknowledged order so far. */
    public List<String> acknowledgedIds() {
        return attempts.stream().filter(OrderAttempt::acknowledged).map(OrderAttempt::orderId).toList();
    }

    /** Stops placing orders and waits for in-flight ones to be answered (so none is acked after the count). */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }
}
