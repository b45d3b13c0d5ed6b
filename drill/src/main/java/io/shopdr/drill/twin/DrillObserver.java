package io.shopdr.drill.twin;

import io.shopdr.drill.DrillClock;
import io.shopdr.drill.TimelineSample;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Watches the drill from outside the system under test, several times a second: each region's storefront
 * {@code /healthz}, each database's role (writable or not) and replication lag, the observers' votes, the controller
 * state and the zone's answer for the shop's name. Its samples draw the timeline and give promotion and DNS-switch
 * instants that do not depend on what the controller says about itself.
 */
public final class DrillObserver implements AutoCloseable {
    private final DrillClock clock;
    private final Map<String, InetSocketAddress> storefronts;
    private final Map<String, InetSocketAddress> databases;
    private final Properties admin;
    private final Supplier<Map<String, String>> votes;
    private final Supplier<String> controllerState;
    private final Supplier<String> dnsTarget;
    private final long periodMs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(400)).build();
    private final List<TimelineSample> samples = new ArrayList<>();
    private Thread thread;
    private volatile boolean running;

    public DrillObserver(DrillClock clock, Map<String, InetSocketAddress> storefronts,
                         Map<String, InetSocketAddress> databases, Properties admin, Supplier<Map<String, String>> votes,
                         Supplier<String> controllerState, Supplier<String> dnsTarget, long periodMs) {
        this.clock = clock;
        this.storefronts = storefronts;
        this.databases = databases;
        this.admin = admin;
        this.votes = votes;
        this.controllerState = controllerState;
        this.dnsTarget = dnsTarget;
        this.periodMs = periodMs;
    }

    public void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                long t = clock.nowMs();
                TimelineSample s = sample(t);
                synchronized (samples) {
                    samples.add(s);
                }
                long sleep = t + periodMs - clock.nowMs();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "drill-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private TimelineSample sample(long t) {
        Map<String, Boolean> healthy = new LinkedHashMap<>();
        storefronts.forEach((region, addr) -> healthy.put(region, healthz(addr)));
        Map<String, Long> lag = new LinkedHashMap<>();
        Map<String, Boolean> writable = new LinkedHashMap<>();
        databases.forEach((region, address) -> role(region, address, lag, writable));
        Map<String, String> v;
        String state;
        String dns;
        try {
            v = votes.get();
        } catch (RuntimeException e) {
            v = Map.of();
        }
        try {
            state = controllerState.get();
        } catch (RuntimeException e) {
            state = null;
        }
        try {
            dns = dnsTarget.get();
        } catch (RuntimeException e) {
            dns = null;
        }
        return new TimelineSample(t, healthy, v, state, dns, lag, writable);
    }

    private Boolean healthz(InetSocketAddress addr) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + addr.getHostString() + ":"
                    + addr.getPort() + "/healthz")).timeout(Duration.ofMillis(800)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Asks a database (directly, as an outside observer: no WAN) whether it is writable and how far behind it is. */
    private void role(String region, InetSocketAddress address, Map<String, Long> lag, Map<String, Boolean> writable) {
        String url = "jdbc:mysql://" + address.getHostString() + ":" + address.getPort() + "/?connectTimeout=500&socketTimeout=1500";
        try (Connection c = DriverManager.getConnection(url, admin); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT @@global.read_only")) {
                rs.next();
                writable.put(region, rs.getInt(1) == 0);
            }
            try (ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
                if (rs.next()) {
                    long behind = rs.getLong("Seconds_Behind_Master");
                    if (!rs.wasNull()) lag.put(region, behind);
                }
            }
        } catch (Exception e) {
            // a database that does not answer has no role in this sample
        }
    }

    public List<TimelineSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** First sample at or after {@code fromMs} that satisfies {@code test}, or null. */
    public Long firstAfter(long fromMs, java.util.function.Predicate<TimelineSample> test) {
        for (TimelineSample s : samples()) if (s.tMs() >= fromMs && test.test(s)) return s.tMs();
        return null;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
