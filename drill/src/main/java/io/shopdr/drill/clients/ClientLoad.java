package io.shopdr.drill.clients;

import io.shopdr.sim.clients.AuthoritativeZone;
import io.shopdr.sim.clients.Attempt;
import io.shopdr.sim.clients.ClientPopulation;
import io.shopdr.sim.clients.OrderOutcome;
import io.shopdr.sim.clients.OrderSink;
import io.shopdr.sim.clients.ShopClient;
import io.shopdr.sim.clients.TimeToFirstSuccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's customers during a drill: a {@link ClientPopulation} (clients per region, each resolving the shop's
 * name through a resolver that sees the zone late and caching the answer as its kind does) ordering in real time
 * through an {@link OrderSink} (in the drill, {@link HttpOrderSink} at the real storefronts). The figures come from
 * its attempts: each client's time from the kill to its first acknowledged order ({@link #timeToFirstSuccess}),
 * which the drill reports as {@code client_rto_ms} (median) and {@code client_rto_p99_ms}.
 */
public final class ClientLoad implements AutoCloseable {
    private final ClientPopulation population;
    private final ScheduledExecutorService scheduler;
    private final List<ScheduledFuture<?>> running;

    private ClientLoad(ClientPopulation population, ScheduledExecutorService scheduler, List<ScheduledFuture<?>> running) {
        this.population = population;
        this.scheduler = scheduler;
        this.running = running;
    }

    /**
     * Starts every client of {@code settings} on {@code threads} threads (a hung order holds its thread until the
     * sink's timeout, so give at least as many threads as clients that may hang at once).
     */
    public static ClientLoad start(ClientPopulation.Settings settings, AuthoritativeZone zone, OrderSink sink, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads: must be at least 1, got " + threads);
        ClientPopulation population = new ClientPopulation(settings, zone);
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "client-load-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new ClientLoad(population, scheduler, population.start(scheduler, Clock.systemUTC(), sink));
    }

    /** Every attempt so far. */
    public List<Attempt> attempts() {
        return population.attempts();
    }

    public List<ShopClient> clients() {
        return population.clients();
    }

    /** The longest propagation delay any client's resolver has: after it, every resolver sees a zone change. */
    public Duration maxPropagation() {
        return population.clients().stream().map(c -> c.resolver().propagationDelay()).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /**
     * Each client's time from {@code kill} to its first acknowledged order started at or after it, counting only
     * orders served by one of {@code recoveredRegions} (an order the dying primary still took is not recovery).
     */
    public Map<String, Optional<Duration>> timeToFirstSuccess(Instant kill, List<String> recoveredRegions) {
        return TimeToFirstSuccess.perClient(attempts(), kill, a -> a.outcome() instanceof OrderOutcome.Acknowledged ack
                && recoveredRegions.contains(ack.servedBy()));
    }

    /** Latencies (ms) of the acknowledged orders that started before {@code before}: commit latency as clients see it. */
    public List<Long> acknowledgedLatenciesBefore(Instant before) {
        return attempts().stream().filter(a -> a.acknowledged() && a.at().isBefore(before))
                .map(a -> a.latency().toMillis()).toList();
    }

    /** Stops the clients; an order in flight is abandoned (its client is gone). */
    @Override
    public void close() {
        running.forEach(f -> f.cancel(true));
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
