package io.shopdr.sim.clients;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shop's clients, per region: a seeded mix of {@link ClientKind}s sharing a few recursive resolvers per
 * region (each with its own propagation delay, uniform in [0, propagation]), each client ordering at a steady
 * rate from a random phase, every attempt recorded.
 *
 * <p>Two ways to drive it: {@link #placeDueOrders} at instants the caller chooses (tests, simulated time), or
 * {@link #start} on a scheduler in real time (the twin).
 */
public final class ClientPopulation {
    /**
     * Shares of each client kind.
     *
     * @param ttlHonouring clients whose resolver library honours the TTL
     * @param jvm          JVM clients (30 s cache)
     * @param browser      browsers (60 s floor)
     */
    public record Mix(double ttlHonouring, double jvm, double browser) {
        /** Default: one third each — no measurement of the shop's real client mix exists, so no kind dominates. */
        public static final Mix DEFAULT = new Mix(1, 1, 1);

        public Mix {
            if (ttlHonouring < 0 || jvm < 0 || browser < 0 || ttlHonouring + jvm + browser <= 0) {
                throw new IllegalArgumentException("mix: shares must be zero or more and not all zero, got "
                        + ttlHonouring + "/" + jvm + "/" + browser);
            }
        }

        ClientKind pick(SplittableRandom random) {
            double x = random.nextDouble() * (ttlHonouring + jvm + browser);
            return x < ttlHonouring ? ClientKind.TTL_HONOURING : x < ttlHonouring + jvm ? ClientKind.JVM : ClientKind.BROWSER;
        }
    }

    /**
     * How to build the population.
     *
     * @param shopName           the name clients resolve
     * @param regions            the regions clients live in
     * @param clientsPerRegion   clients in each region
     * @param resolversPerRegion recursive resolvers in each region, shared by its clients
     * @param propagation        the longest propagation delay a resolver has (default 60 s: Linode's nameservers
     *                           take up to about a minute to pick a change up)
     * @param orderInterval      time between two orders of one client
     * @param mix                client kinds
     * @param seed               seeds kinds, resolver delays, resolver choice and phases
     */
    public record Settings(String shopName, List<String> regions, int clientsPerRegion, int resolversPerRegion,
                           Duration propagation, Duration orderInterval, Mix mix, long seed) {
        /** Default propagation bound. */
        public static final Duration DEFAULT_PROPAGATION = Duration.ofSeconds(60);

        public Settings {
            Objects.requireNonNull(shopName, "shopName");
            regions = List.copyOf(regions);
            Objects.requireNonNull(mix, "mix");
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("regions: give at least one region for clients");
            }
            if (clientsPerRegion < 1) {
                throw new IllegalArgumentException("clientsPerRegion: must be at least 1, got " + clientsPerRegion);
            }
            if (resolversPerRegion < 1) {
                throw new IllegalArgumentException("resolversPerRegion: must be at least 1, got " + resolversPerRegion);
            }
            if (propagation.isNegative()) {
                throw new IllegalArgumentException("--propagation: must be zero or more milliseconds, got " + propagation.toMillis());
            }
            if (orderInterval.isNegative() || orderInterval.isZero()) {
                throw new IllegalArgumentException("orderInterval: must be positive, got " + orderInterval);
            }
        }
    }

    private final Settings settings;
    private final List<ShopClient> clients = new ArrayList<>();
    private final List<Duration> phases = new ArrayList<>();
    private final List<Instant> nextDue = new ArrayList<>();
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    /** Builds the population over {@code zone}; the same settings and seed give the same population. */
    public ClientPopulation(Settings settings, AuthoritativeZone zone) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SplittableRandom random = new SplittableRandom(settings.seed());
        long propagationNanos = settings.propagation().toNanos();
        for (String region : settings.regions()) {
            List<RecursiveResolver> resolvers = new ArrayList<>();
            for (int r = 0; r < settings.resolversPerRegion(); r++) {
                Duration delay = Duration.ofNanos(propagationNanos == 0 ? 0 : random.nextLong(propagationNanos + 1));
                resolvers.add(new RecursiveResolver(region + "-resolver-" + r, zone, delay));
            }
            for (int c = 0; c < settings.clientsPerRegion(); c++) {
                ClientKind kind = settings.mix().pick(random);
                RecursiveResolver resolver = resolvers.get(random.nextInt(resolvers.size()));
                clients.add(new ShopClient(region + "-client-" + c, region, kind, resolver, settings.shopName()));
                phases.add(Duration.ofNanos(random.nextLong(settings.orderInterval().toNanos())));
                nextDue.add(null);
            }
        }
    }

    /** The clients, region by region. */
    public List<ShopClient> clients() {
        return List.copyOf(clients);
    }

    /** Every attempt recorded so far, in the order they were recorded. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Places every order due at or before {@code now}, one client after another, and records them. The first call
     * sets the timeline's origin: each client's first order is due at origin + its phase.
     */
    public synchronized void placeDueOrders(Instant now, OrderSink sink) {
        for (int i = 0; i < clients.size(); i++) {
            if (nextDue.get(i) == null) {
                nextDue.set(i, now.plus(phases.get(i)));
            }
            while (!nextDue.get(i).isAfter(now)) {
                attempts.add(clients.get(i).placeOrder(nextDue.get(i), sink));
                nextDue.set(i, nextDue.get(i).plus(settings.orderInterval()));
            }
        }
    }

    /**
     * Starts every client on {@code scheduler} in real time: from its phase on, each orders, waits
     * {@code orderInterval} after the attempt ends, and orders again (timestamps from {@code clock}); a slow or
     * hung attempt delays only that client, as a real client waits for its request before placing the next.
     *
     * @return cancel these to stop the clients
     */
    public List<ScheduledFuture<?>> start(ScheduledExecutorService scheduler, Clock clock, OrderSink sink) {
        List<ScheduledFuture<?>> running = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            ShopClient client = clients.get(i);
            running.add(scheduler.scheduleWithFixedDelay(() -> attempts.add(client.placeOrder(clock.instant(), sink)),
                    phases.get(i).toNanos(), settings.orderInterval().toNanos(), TimeUnit.NANOSECONDS));
        }
        return running;
    }
}
