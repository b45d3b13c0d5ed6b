package io.shopdr.sim.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One client of the shop: resolves the shop's name through its recursive resolver, keeps the answer as its
 * {@link ClientKind} does, and places an order at whatever address it holds. It does not drop its cached answer
 * when an order fails (neither the JVM's cache nor Chromium's host cache is flushed by a failed connection).
 */
public final class ShopClient {
    private final String id;
    private final String region;
    private final ClientKind kind;
    private final RecursiveResolver resolver;
    private final String shopName;
    private String cachedAddress;
    private Instant cachedUntil = Instant.MIN;

    public ShopClient(String id, String region, ClientKind kind, RecursiveResolver resolver, String shopName) {
        this.id = Objects.requireNonNull(id, "id");
        this.region = Objects.requireNonNull(region, "region");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.shopName = Objects.requireNonNull(shopName, "shopName");
    }

    public String id() {
        return id;
    }

    public String region() {
        return region;
    }

    public ClientKind kind() {
        return kind;
    }

    public RecursiveResolver resolver() {
        return resolver;
    }

    /** The address this client would use at {@code now}, refreshing its cache from its resolver when it expired. */
    public synchronized Optional<String> addressAt(Instant now) {
        if (cachedAddress == null || !now.isBefore(cachedUntil)) {
            Optional<Resolution> resolution = resolver.resolve(shopName, now);
            if (resolution.isEmpty()) {
                cachedAddress = null;
                return Optional.empty();
            }
            cachedAddress = resolution.get().address();
            cachedUntil = now.plus(kind.cacheFor(resolution.get().remainingTtl()));
        }
        return Optional.of(cachedAddress);
    }

    /** Places one order at {@code now} through {@code sink}; the attempt's latency is the call's wall-clock time. */
    public Attempt placeOrder(Instant now, OrderSink sink) {
        Optional<String> address = addressAt(now);
        if (address.isEmpty()) {
            return new Attempt(id, region, kind, now, address, new OrderOutcome.Failed("no DNS answer for " + shopName), Duration.ZERO);
        }
        long start = System.nanoTime();
        OrderOutcome outcome = sink.place(new OrderRequest(id, region, address.get()));
        return new Attempt(id, region, kind, now, address, outcome, Duration.ofNanos(System.nanoTime() - start));
    }
}
