package io.shopdr.agent.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before the post-deploy hook talks SQL, checks that every database port accepts a TCP connection from here. The
 * databases' Cloud Firewalls drop what they do not admit (the clusters' nodes, the other databases and
 * {@code shopdr:dbAdminCidrs}), so from an operator's machine a missing rule would otherwise surface as a connect
 * timeout deep in the JDBC driver. When a port does not answer, the message names the CIDR to add: this machine's
 * public address as an echo service reports it (e.g. {@code https://checkip.amazonaws.com}), or, when that is
 * unknown, how to find it.
 */
public final class DatabasePortPreflight {
    /** The echo service the CLI asks for this machine's public address by default. */
    public static final URI DEFAULT_ADDRESS_ECHO = URI.create("https://checkip.amazonaws.com");

    private final Duration connectTimeout;
    private final Optional<URI> addressEcho;

    /**
     * @param connectTimeout how long to wait for each database port
     * @param addressEcho    a URL answering with the caller's public IPv4 address as plain text; empty = do not ask
     */
    public DatabasePortPreflight(Duration connectTimeout, Optional<URI> addressEcho) {
        this.connectTimeout = connectTimeout;
        this.addressEcho = addressEcho;
    }

    /**
     * What the preflight found unreachable.
     *
     * @param where   the unreachable databases as {@code region (host:port)}, comma-separated
     * @param message one line: which databases, why that usually is, and the CIDR to add
     */
    public record Blocked(String where, String message) {}

    /**
     * @param primaryRegion the primary's region (named "primary" in the message, the others "replica")
     * @param endpoints     region → database endpoint, in region order
     * @return empty when every port answered
     */
    public Optional<Blocked> check(String primaryRegion, Map<String, Endpoint> endpoints) {
        List<String> where = new ArrayList<>();
        List<String> what = new ArrayList<>();
        endpoints.forEach((region, endpoint) -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) connectTimeout.toMillis());
            } catch (IOException e) {
                where.add(region + " (" + endpoint + ")");
                what.add((region.equals(primaryRegion) ? "primary " : "replica ") + endpoint + " of region " + region);
            }
        });
        if (where.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> address = publicAddress();
        String cidr = address.map(ip -> ip + "/32").orElse("<your public IPv4>/32");
        return Optional.of(new Blocked(String.join(", ", where), "cannot reach " + String.join(", ", what) + " within "
                + connectTimeout.toSeconds() + " s from this machine. The databases' Cloud Firewalls admit only the "
                + "clusters' nodes, the other databases and shopdr:dbAdminCidrs. Either let the in-cluster hook Job "
                + "do it (pulumi up runs it), or admit this machine: pulumi config set --path 'shopdr:dbAdminCidrs[0]' "
                + cidr + " && pulumi up"
                + (address.isEmpty() ? " (find your address with: curl " + DEFAULT_ADDRESS_ECHO + ")" : "")));
    }

    private Optional<String> publicAddress() {
        if (addressEcho.isEmpty()) {
            return Optional.empty();
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(addressEcho.get()).timeout(connectTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String ip = r.body().trim();
            return r.statusCode() == 200 && ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? Optional.of(ip) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
