package io.shopdr.sim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A population driven in simulated time against a zone that switches from one region to another. */
class ClientPopulationTest {
    private static final String SHOP = "shop.example.com";
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static ClientPopulation.Settings settings(long seed) {
        return new ClientPopulation.Settings(SHOP, List.of("us-east", "eu-west"), 30, 3, Duration.ofSeconds(60),
                Duration.ofSeconds(1), ClientPopulation.Mix.DEFAULT, seed);
    }

    @Test
    void clientsRecoverOnlyAfterPropagationAndTheirOwnCacheAndNoLaterThanBoth() {
        AuthoritativeZone zone = new AuthoritativeZone();
        zone.publish(SHOP, T0, new ZoneAnswer("us-east-db", Duration.ofSeconds(30)));
        Instant kill = T0.plusSeconds(100);
        Instant switched = kill.plusSeconds(5);
        zone.publish(SHOP, switched, new ZoneAnswer("eu-west-db", Duration.ofSeconds(30)));
        ClientPopulation population = new ClientPopulation(settings(7), zone);
        // Only eu-west's database answers after the kill.
        OrderSink sink = request -> request.address().equals("eu-west-db")
                ? new OrderOutcome.Acknowledged("o", "eu-west") : new OrderOutcome.Failed("connection timed out");
        for (Instant t = T0; !t.isAfter(T0.plusSeconds(300)); t = t.plusMillis(500)) {
            population.placeDueOrders(t, t.isBefore(kill) ? r -> new OrderOutcome.Acknowledged("o", "us-east") : sink);
        }
        Map<String, Optional<Duration>> times = TimeToFirstSuccess.perClient(population.attempts(), kill);
        assertEquals(60, times.size());
        for (ShopClient client : population.clients()) {
            Duration time = times.get(client.id()).orElseThrow();
            assertTrue(time.compareTo(Duration.ofSeconds(5).plus(client.resolver().propagationDelay())) >= 0, client.id() + " " + time);
            // Worst case: the change reaches the resolver, its cached answer still has a full TTL, then the client's
            // own cache holds it as long as its kind does, then one order interval.
            Duration bound = Duration.ofSeconds(5).plus(client.resolver().propagationDelay()).plusSeconds(30)
                    .plus(client.kind().cacheFor(Duration.ofSeconds(30))).plusSeconds(2);
            assertTrue(time.compareTo(bound) <= 0, client.id() + " " + client.kind() + " " + time + " > " + bound);
        }
        Duration median = TimeToFirstSuccess.median(times.values()).orElseThrow();
        assertTrue(median.compareTo(Duration.ofSeconds(5)) > 0, "median " + median);
    }

    @Test
    void theSameSeedGivesTheSamePopulationAndEveryKindAppears() {
        AuthoritativeZone zone = new AuthoritativeZone();
        List<String> a = new ClientPopulation(settings(3), zone).clients().stream().map(c -> c.kind() + "/" + c.resolver().propagationDelay()).toList();
        List<String> b = new ClientPopulation(settings(3), zone).clients().stream().map(c -> c.kind() + "/" + c.resolver().propagationDelay()).toList();
        assertEquals(a, b);
        Map<ClientKind, Long> kinds = new ClientPopulation(settings(3), zone).clients().stream()
                .collect(Collectors.groupingBy(ShopClient::kind, Collectors.counting()));
        assertEquals(3, kinds.size(), kinds.toString());
    }

    @Test
    void everyClientOrdersAtItsSteadyRate() {
        AuthoritativeZone zone = new AuthoritativeZone();
        zone.publish(SHOP, T0, new ZoneAnswer("db", Duration.ofSeconds(30)));
        ClientPopulation population = new ClientPopulation(settings(5), zone);
        population.placeDueOrders(T0, r -> new OrderOutcome.Acknowledged("o", "us-east"));
        population.placeDueOrders(T0.plusSeconds(10), r -> new OrderOutcome.Acknowledged("o", "us-east"));
        Map<String, Long> perClient = population.attempts().stream().collect(Collectors.groupingBy(Attempt::clientId, Collectors.counting()));
        assertEquals(60, perClient.size());
        perClient.values().forEach(n -> assertTrue(n == 10 || n == 11, "orders in 10 s at 1/s: " + n));
    }

    @Test
    void badSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientPopulation.Settings(SHOP,
                List.of("us-east"), 1, 1, Duration.ofSeconds(-1), Duration.ofSeconds(1), ClientPopulation.Mix.DEFAULT, 1));
        assertTrue(e.getMessage().startsWith("--propagation"), e.getMessage());
    }
}
