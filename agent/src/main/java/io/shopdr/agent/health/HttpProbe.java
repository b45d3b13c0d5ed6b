package io.shopdr.agent.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * HTTP(S) health probe of regions' ingresses with the JDK HttpClient: sends {@code GET <path>} with the shop's
 * domain as Host header (the ingress routes on it), counts only a 2xx within the connect and read timeouts as
 * healthy. Probes of several regions run concurrently so one slow region does not delay the others.
 */
public final class HttpProbe implements AutoCloseable {
    static {
        // The JDK client refuses a Host header unless allowed before its first use; the probe must set it so that
        // probing a region's IP reaches the shop's virtual host.
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!java.util.Arrays.asList(allowed.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*")).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isBlank() ? "host" : allowed + ",host");
        }
    }

    /**
     * Allows the Host header in the JDK HTTP client; call before any other code builds an HTTP client (the CLI does
     * it first thing), because the client reads the setting once.
     */
    public static void allowHostHeader() {
        // the static initializer has run by now
    }

    /** @default 2 s */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** @default 3 s */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration readTimeout;
    private final String userAgent;

    public HttpProbe() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public HttpProbe(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, null);
    }

    /**
     * @param sslContext trust material for https targets; null = the JVM's default trust store. The certificate is
     *                   checked against the Host header's domain (see {@link DomainTrustManager}), not the IP.
     */
    public HttpProbe(Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
        this(connectTimeout, readTimeout, sslContext, null, "shopdr-probe");
    }

    private HttpProbe(Duration connectTimeout, Duration readTimeout, SSLContext sslContext, String sniDomain,
                      String userAgent) {
        this.readTimeout = readTimeout;
        this.userAgent = userAgent;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "shopdr-probe");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor);
        if (sslContext != null) b.sslContext(sslContext);
        if (sniDomain != null) b.sslParameters(sniFor(sniDomain));
        this.client = b.build();
        try {
            HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/")).header("Host", "probe.invalid");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JDK HTTP client was loaded before the health probe and refuses the"
                    + " Host header; start the JVM with -Djdk.httpclient.allowRestrictedHeaders=host");
        }
    }

    /**
     * A probe for https targets addressed by IP: sends {@code domain} as SNI and accepts only a certificate chain
     * trusted by {@code trust} (null = the JVM's CAs) whose names cover {@code domain}.
     */
    public static HttpProbe withDomainVerification(Duration connectTimeout, Duration readTimeout, String domain,
                                                   javax.net.ssl.TrustManagerFactory trust) {
        return withDomainVerification(connectTimeout, readTimeout, domain, trust, "shopdr-probe");
    }

    /** As above, naming the observer in the User-Agent ({@code shopdr-probe/<observer>}) so ingress logs show who probed. */
    public static HttpProbe withDomainVerification(Duration connectTimeout, Duration readTimeout, String domain,
                                                   javax.net.ssl.TrustManagerFactory trust, String userAgent) {
        return new HttpProbe(connectTimeout, readTimeout, DomainTrustManager.sslContext(domain, trust), domain, userAgent);
    }

    /** Probes one target (blocking, bounded by the timeouts). */
    public ProbeResult probe(ProbeTarget target) {
        return probeAsync(target).join();
    }

    /** Probes all targets concurrently and returns results in the targets' order. */
    public List<ProbeResult> probeAll(List<ProbeTarget> targets) {
        List<CompletableFuture<ProbeResult>> futures = new ArrayList<>();
        for (ProbeTarget t : targets) futures.add(probeAsync(t));
        List<ProbeResult> results = new ArrayList<>();
        for (CompletableFuture<ProbeResult> f : futures) results.add(f.join());
        return results;
    }

    private CompletableFuture<ProbeResult> probeAsync(ProbeTarget target) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(target.url()).timeout(readTimeout).GET()
                    .header("User-Agent", userAgent);
            if (target.hostHeader() != null && !target.hostHeader().isBlank()) rb.header("Host", target.hostHeader());
            request = rb.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed(target.region(), Duration.ZERO,
                    "invalid probe request for " + target.url() + ": " + e.getMessage()));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    if (err == null) return ProbeResult.answered(target.region(), resp.statusCode(), took);
                    return ProbeResult.failed(target.region(), took, describe(target, err));
                });
    }

    private String describe(ProbeTarget target, Throwable err) {
        Throwable e = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        String where = target.url().getHost() + (target.url().getPort() > 0 ? ":" + target.url().getPort() : "");
        if (e instanceof HttpConnectTimeoutException) return "connect timeout to " + where;
        if (e instanceof HttpTimeoutException) return "no answer from " + where + " within " + readTimeout.toMillis() + " ms";
        if (e instanceof ConnectException) return "connection refused or unreachable: " + where;
        if (e instanceof javax.net.ssl.SSLException) return "TLS failure with " + where + ": " + e.getMessage();
        if (e instanceof IOException) return "I/O error with " + where + ": " + e.getMessage();
        return e.getClass().getSimpleName() + " probing " + where + ": " + e.getMessage();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static SSLParameters sniFor(String domain) {
        SSLParameters p = new SSLParameters();
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName(domain)));
        return p;
    }
}
