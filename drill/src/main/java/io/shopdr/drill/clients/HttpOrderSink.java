package io.shopdr.drill.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.sim.clients.OrderOutcome;
import io.shopdr.sim.clients.OrderRequest;
import io.shopdr.sim.clients.OrderSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Places a client's order at a real storefront: {@code POST /orders} at the URI {@code orderUri} gives for the
 * client's region and the address its DNS cache holds, acknowledged on 201 with the order id and the region whose
 * database committed it ({@code {"id":…,"region":…}}, as the storefront answers). The JDK HTTP client cannot bind a
 * source address, so "from the client's region" is the URI's job: the twin maps (client region, address) to the WAN
 * relay that carries that region's traffic to that address ({@code Wan.exposeFor}); without a WAN it is simply
 * {@code http://address:port/orders}.
 */
public final class HttpOrderSink implements OrderSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BiFunction<String, String, URI> orderUri;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param orderUri (client region, resolved address) → the URI to POST the order to
     * @param timeout  how long a client waits for an answer (a hung connection is a failed order after it)
     */
    public HttpOrderSink(BiFunction<String, String, URI> orderUri, Duration timeout) {
        this.orderUri = Objects.requireNonNull(orderUri, "orderUri");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A sink posting to {@code http://<address>:<port>/orders} from wherever the drill runs (no WAN). */
    public static HttpOrderSink direct(int port, Duration timeout) {
        return new HttpOrderSink((region, address) -> URI.create("http://" + address + ":" + port + "/orders"), timeout);
    }

    @Override
    public OrderOutcome place(OrderRequest request) {
        try {
            HttpRequest req = HttpRequest.newBuilder(orderUri.apply(request.clientRegion(), request.address()))
                    .timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"items\":1,\"client\":\"" + request.clientId() + "\"}"))
                    .build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 201) return new OrderOutcome.Failed("HTTP " + resp.statusCode());
            JsonNode body = JSON.readTree(resp.body());
            String id = body.path("id").asText("");
            if (id.isEmpty()) return new OrderOutcome.Failed("201 without an order id");
            return new OrderOutcome.Acknowledged(id, body.path("region").asText("unknown"));
        } catch (HttpTimeoutException e) {
            return new OrderOutcome.Failed("timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new OrderOutcome.Failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrderOutcome.Failed("interrupted");
        }
    }
}
