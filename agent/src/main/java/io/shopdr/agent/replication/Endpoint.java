package io.shopdr.agent.replication;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A database server address ({@code host:port}); the unit every replication operation names servers by, so errors
 * and reports can say exactly which server they mean.
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("endpoint host is empty");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint " + host + " has port " + port + "; use a port between 1 and 65535");
        }
    }

    /**
     * Parses {@code host:port} (IPv6 as {@code [addr]:port}).
     *
     * @throws IllegalArgumentException naming the bad value and the expected shape
     */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty endpoint; expected HOST:PORT, e.g. 10.0.0.5:3306");
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) throw new IllegalArgumentException("bad endpoint '" + text + "'; expected [IPV6]:PORT");
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon != t.indexOf(':')) {
                throw new IllegalArgumentException("bad endpoint '" + text + "'; expected HOST:PORT, e.g. 10.0.0.5:3306");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad endpoint '" + text + "': port '" + port + "' is not a number; expected HOST:PORT");
        }
        if (p <= 0 || p > 65535) throw new IllegalArgumentException("bad endpoint '" + text + "': port must be 1-65535");
        if (host.isBlank()) throw new IllegalArgumentException("bad endpoint '" + text + "': host is empty; expected HOST:PORT");
        return new Endpoint(host, p);
    }

    @JsonValue
    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
