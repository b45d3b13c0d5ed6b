package io.shopdr.sim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resolvers that see a change late, and client caches that hold it as their kind does. */
class DnsCachingTest {
    private static final String SHOP = "shop.example.com";
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private final AuthoritativeZone zone = new AuthoritativeZone();

    {
        zone.publish(SHOP, T0, new ZoneAnswer("old", Duration.ofSeconds(30)));
        zone.publish(SHOP, T0.plusSeconds(100), new ZoneAnswer("new", Duration.ofSeconds(30)));
    }

    @Test
    void aResolverSeesAChangeOnlyAfterItsPropagationDelay() {
        RecursiveResolver resolver = new RecursiveResolver("r", zone, Duration.ofSeconds(20));
        assertEquals("old", resolver.resolve(SHOP, T0.plusSeconds(90)).orElseThrow().address());
        // Cached from t=90 until t=120 (TTL 30 s), and at t=120 the nameservers it reaches still lag 20 s.
        assertEquals("old", resolver.resolve(SHOP, T0.plusSeconds(119)).orElseThrow().address());
        assertEquals(Duration.ofSeconds(1), resolver.resolve(SHOP, T0.plusSeconds(119)).orElseThrow().remainingTtl());
        assertEquals("new", resolver.resolve(SHOP, T0.plusSeconds(120)).orElseThrow().address());
    }

    @Test
    void eachKindOfClientHoldsTheOldAddressForItsOwnTime() {
        Duration ttl = Duration.ofSeconds(5);
        zone.publish("short.example.com", T0, new ZoneAnswer("old", ttl));
        zone.publish("short.example.com", T0.plusSeconds(10), new ZoneAnswer("new", ttl));
        Instant firstLookup = T0.plusSeconds(9);
        for (ClientKind kind : ClientKind.values()) {
            ShopClient client = new ShopClient("c", "us-east", kind, new RecursiveResolver("r", zone, Duration.ZERO), "short.example.com");
            assertEquals(Optional.of("old"), client.addressAt(firstLookup));
            // The resolver's TTL ran out at t=14: TTL-honouring clients move then, the JVM at t=39, browsers at t=69.
            Duration holds = kind.cacheFor(ttl);
            assertEquals(Optional.of("old"), client.addressAt(firstLookup.plus(holds).minusMillis(1)), kind.name());
            assertEquals(Optional.of("new"), client.addressAt(firstLookup.plus(holds)), kind.name());
        }
        assertEquals(Duration.ofSeconds(5), ClientKind.TTL_HONOURING.cacheFor(ttl));
        assertEquals(Duration.ofSeconds(30), ClientKind.JVM.cacheFor(ttl));
        assertEquals(Duration.ofSeconds(60), ClientKind.BROWSER.cacheFor(ttl));
        assertEquals(Duration.ofSeconds(300), ClientKind.BROWSER.cacheFor(Duration.ofSeconds(300)));
    }

    @Test
    void aNameWithoutARecordResolvesToNothing() {
        RecursiveResolver resolver = new RecursiveResolver("r", zone, Duration.ZERO);
        assertEquals(Optional.empty(), resolver.resolve("other.example.com", T0));
        assertEquals(Optional.empty(), resolver.resolve(SHOP, T0.minusSeconds(1)));
    }
}
