package io.shopdr.drill.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.drill.DrillClock;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.sim.clients.Attempt;
import io.shopdr.sim.clients.ClientPopulation;
import io.shopdr.sim.clients.OrderOutcome;
import io.shopdr.sim.clients.RecursiveResolver;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Clients ordering at two HTTP servers standing in for the regions' storefronts (the storefront is not the point
 * here: what is, is that the clients follow the zone as the Linode API simulator holds it, each after its resolver's
 * propagation delay, and that the served-by region and the time to first success come out right).
 */
class ClientLoadTest {
    private static final String DOMAIN = "shop.drill.test";

    @Test
    void theRecordsTheZoneStartsWithAreAnsweredByEveryResolverAtOnce() throws Exception {
        try (LinodeApiSimulator sim = LinodeApiSimulator.start()) {
            DnsZone zone = sim.addZone(DOMAIN);
            sim.addRecord(zone, DnsRecord.of("A", "", "127.0.0.1", 30));
            try (ZoneFeed feed = ZoneFeed.start(sim, DOMAIN, new DrillClock(), Duration.ofMillis(50))) {
                // a resolver whose nameservers trail by a full minute: production's records predate the drill by days
                RecursiveResolver slow = new RecursiveResolver("slow", feed.zone(), Duration.ofSeconds(60));
                assertEquals("127.0.0.1", slow.resolve(DOMAIN, Instant.now()).orElseThrow().address());
                assertTrue(feed.changesMs().isEmpty(), "the first copy is not a change");
            }
        }
    }

    @Test
    void clientsFollowTheZoneAfterTheirResolversPropagationDelay() throws Exception {
        HttpServer a = shop("us-east");
        HttpServer b = shop("gb-lon");
        Map<String, Integer> portOf = Map.of("127.0.0.1", a.getAddress().getPort(), "127.0.0.2", b.getAddress().getPort());
        AtomicInteger unmapped = new AtomicInteger();
        try (LinodeApiSimulator sim = LinodeApiSimulator.start()) {
            sim.addToken("t", LinodeApiSimulator.ALL_SCOPES);
            DnsZone zone = sim.addZone(DOMAIN);
            // TTL 0 (Linode stores it) so TTL-honouring clients re-resolve for every order: only propagation delays them
            DnsRecord apex = sim.addRecord(zone, DnsRecord.of("A", "", "127.0.0.1", 0));
            DrillClock clock = new DrillClock();
            ClientPopulation.Settings settings = new ClientPopulation.Settings(DOMAIN, List.of("us-east", "gb-lon"), 4, 2,
                    Duration.ofMillis(1500), Duration.ofMillis(100), new ClientPopulation.Mix(1, 0, 0), 42);
            HttpOrderSink sink = new HttpOrderSink((region, address) -> {
                Integer port = portOf.get(address);
                if (port == null) unmapped.incrementAndGet();
                return URI.create("http://" + address + ":" + (port == null ? 9 : port) + "/orders");
            }, Duration.ofSeconds(2));
            try (ZoneFeed feed = ZoneFeed.start(sim, DOMAIN, clock, Duration.ofMillis(50));
                 ClientLoad load = ClientLoad.start(settings, feed.zone(), sink, 8)) {
                awaitTrue(Duration.ofSeconds(20), () -> load.attempts().stream().filter(Attempt::acknowledged).count() >= 16);
                assertTrue(load.attempts().stream().filter(Attempt::acknowledged)
                        .allMatch(x -> ((OrderOutcome.Acknowledged) x.outcome()).servedBy().equals("us-east")), "served by us-east");

                a.stop(0); // region us-east dies
                Instant kill = Instant.now();
                long killMs = clock.nowMs();
                LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token("t").build();
                client.update(zone, new DnsRecord(apex.id(), "A", "", "127.0.0.2", 0));
                Instant switched = Instant.now();

                awaitTrue(Duration.ofSeconds(30), () -> load.timeToFirstSuccess(kill, List.of("gb-lon")).values().stream()
                        .allMatch(Optional::isPresent));
                Map<String, Optional<Duration>> times = load.timeToFirstSuccess(kill, List.of("gb-lon"));
                assertEquals(8, times.size(), "every client of both regions");
                assertEquals(1, feed.changesMs().size(), "one change of the apex: " + feed.changesMs());
                assertTrue(feed.firstChangeAfter(killMs).isPresent());
                assertEquals(0, unmapped.get(), "every address a client held was one of the two shops");
                for (Attempt x : load.attempts()) {
                    if (!(x.outcome() instanceof OrderOutcome.Acknowledged ack) || !ack.servedBy().equals("gb-lon")) continue;
                    // no client reaches gb-lon before its resolver can have seen the change
                    Duration delay = load.clients().stream().filter(c -> c.id().equals(x.clientId())).findFirst()
                            .orElseThrow().resolver().propagationDelay();
                    assertFalse(x.at().isBefore(switched.minusMillis(60).plus(delay).minusMillis(60)),
                            x.clientId() + " ordered at gb-lon " + Duration.between(switched, x.at()).toMillis()
                                    + " ms after the switch; its resolver lags " + delay.toMillis() + " ms");
                }
                assertTrue(load.maxPropagation().compareTo(Duration.ofMillis(1500)) <= 0);
                assertTrue(load.attempts().stream().anyMatch(x -> !x.acknowledged() && !x.at().isBefore(kill)),
                        "clients whose resolver still answered us-east failed after the kill");
                assertFalse(load.acknowledgedLatenciesBefore(kill).isEmpty());
            }
        } finally {
            a.stop(0);
            b.stop(0);
        }
    }

    /** A stand-in storefront on its region's loopback address: POST /orders answers 201 {"id","region"}. */
    private static HttpServer shop(String region) throws Exception {
        String ip = region.equals("us-east") ? "127.0.0.1" : "127.0.0.2";
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), 0), 16);
        s.createContext("/orders", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":\"" + region + "-" + UUID.randomUUID() + "\",\"region\":\"" + region + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(201, body.length);
            try (var os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        s.start();
        return s;
    }

    private static void awaitTrue(Duration max, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + max.toSeconds() + " s");
            Thread.sleep(50);
        }
    }
}
