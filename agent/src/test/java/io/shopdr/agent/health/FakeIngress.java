package io.shopdr.agent.health;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server standing in for one region's ingress: answers {@code /healthz} with a settable status,
 * can be stopped (connection refused) and started again on the same port.
 */
public final class FakeIngress implements AutoCloseable {
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> perClient = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int[] pattern;
    private int port;
    private HttpServer server;

    public FakeIngress() throws IOException {
        start();
    }

    public synchronized void start() throws IOException {
        if (server != null) return;
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/", ex -> {
            requests.incrementAndGet();
            int code = status.get();
            int[] p = pattern;
            if (p != null) {
                String client = String.valueOf(ex.getRequestHeaders().getFirst("User-Agent"));
                int n = perClient.computeIfAbsent(client, k -> new AtomicInteger()).getAndIncrement();
                code = p[n % p.length];
            }
            if (code >= 300) failures.incrementAndGet();
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        s.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-ingress");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    /** Stops answering: probes get "connection refused". */
    public synchronized void stop() {
        if (server == null) return;
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        server = null;
    }

    public void status(int code) {
        status.set(code);
    }

    /**
     * Answers each prober (told apart by User-Agent) with the statuses of {@code statuses} in turn, repeating; null
     * returns to the fixed status. A flapping region: e.g. 503, 503, 200 never gives three failures in a row.
     */
    public void pattern(int... statuses) {
        perClient.clear();
        pattern = statuses == null || statuses.length == 0 ? null : statuses.clone();
    }

    /** Non-2xx answers given so far. */
    public int failures() {
        return failures.get();
    }

    public int requests() {
        return requests.get();
    }

    public int port() {
        return port;
    }

    /** The probe URL of this ingress. */
    public String url() {
        return "http://127.0.0.1:" + port + "/healthz";
    }

    @Override
    public void close() {
        stop();
    }
}
