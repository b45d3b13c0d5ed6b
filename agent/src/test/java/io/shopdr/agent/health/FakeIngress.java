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
            ex.sendResponseHeaders(status.get(), -1);
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
