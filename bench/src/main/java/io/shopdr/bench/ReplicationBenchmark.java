package io.shopdr.bench;

import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ConfigureReport;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.FailoverReport;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.Topology;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replication engine timings on a real MariaDB pair (issue #3 targets, medians of several runs): configure on a
 * fresh pair, idempotent re-run, switchover under concurrent writes, failover promotion after kill -9.
 */
public final class ReplicationBenchmark {
    private static final Map<String, Double> TARGET_MS = new LinkedHashMap<>();

    static {
        TARGET_MS.put("configure fresh pair", 2000.0);
        TARGET_MS.put("configure idempotent re-run", 500.0);
        TARGET_MS.put("switchover under writes", 2000.0);
        TARGET_MS.put("failover promotion", 1000.0);
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path results = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --runs N, --results FILE)");
            }
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        TARGET_MS.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        Credentials admin = new Credentials(MariaDbCluster.ADMIN_USER, MariaDbCluster.ADMIN_PASSWORD);
        Credentials repl = new Credentials("repl", "bench-repl-pw");
        try (MariaDbCluster cluster = MariaDbCluster.start(2)) {
            MariaDbCluster.Node a = cluster.node(0);
            MariaDbCluster.Node b = cluster.node(1);
            Endpoint ea = new Endpoint(a.host(), a.port());
            Endpoint eb = new Endpoint(b.host(), b.port());
            for (int run = 1; run <= runs; run++) {
                for (MariaDbCluster.Node n : cluster.nodes()) if (!n.isRunning()) n.restart();
                reset(cluster);
                a.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(64))",
                        "CREATE USER 'app'@'%' IDENTIFIED BY 'app-pw'", "GRANT INSERT ON shop.* TO 'app'@'%'");
                ReplicationEngine engine = new ReplicationEngine(new Topology(ea, List.of(eb), admin, repl, Optional.empty()));

                long t0 = System.nanoTime();
                ConfigureReport first = engine.configure(ConfigureOptions.defaults());
                samples.get("configure fresh pair").add(ms(t0));
                if (!first.ok()) throw new IllegalStateException("configure did not converge: " + first);

                t0 = System.nanoTime();
                ConfigureReport again = engine.configure(ConfigureOptions.defaults());
                samples.get("configure idempotent re-run").add(ms(t0));
                if (again.changed()) throw new IllegalStateException("re-run changed something: " + again);

                AtomicReference<MariaDbCluster.Node> target = new AtomicReference<>(a);
                AtomicInteger written = new AtomicInteger();
                Thread writer = writer(target, written);
                waitFor(written, 100);
                t0 = System.nanoTime();
                engine.switchover(eb, Duration.ofSeconds(30));
                samples.get("switchover under writes").add(ms(t0));
                target.set(b);
                waitFor(written, written.get() + 100);
                writer.interrupt();
                writer.join(10_000);

                b.kill();
                ReplicationEngine afterSwitch = new ReplicationEngine(new Topology(eb, List.of(ea), admin, repl, Optional.empty()));
                t0 = System.nanoTime();
                FailoverReport f = afterSwitch.failover(Optional.empty());
                samples.get("failover promotion").add(ms(t0));
                if (!f.newPrimary().equals(ea)) throw new IllegalStateException("unexpected failover: " + f);
                System.err.printf("run %d/%d done%n", run, runs);
            }
        }
        StringBuilder json = new StringBuilder("{\n  \"suite\": \"replication\",\n  \"runs\": " + runs + ",\n  \"results\": [\n");
        System.out.printf("%-30s %10s %10s %10s  %s%n", "replication", "median ms", "target ms", "verdict", "samples ms");
        int i = 0;
        for (var e : samples.entrySet()) {
            double median = median(e.getValue());
            double target = TARGET_MS.get(e.getKey());
            String verdict = median <= target ? "ok" : "SLOW";
            System.out.printf("%-30s %10.0f %10.0f %10s  %s%n", e.getKey(), median, target, verdict,
                    e.getValue().stream().map(v -> String.format("%.0f", v)).toList());
            json.append(String.format("    {\"name\": \"%s\", \"medianMs\": %.1f, \"targetMs\": %.0f, \"ok\": %s, \"samplesMs\": %s}%s%n",
                    e.getKey(), median, target, median <= target, e.getValue().stream().map(v -> String.format("%.1f", v)).toList(),
                    ++i < samples.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        if (results != null) Files.writeString(results, json.toString());
    }

    private static void reset(MariaDbCluster cluster) throws Exception {
        for (MariaDbCluster.Node n : cluster.nodes()) {
            n.execute("STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only=OFF", "SET sql_log_bin=0",
                    "DROP DATABASE IF EXISTS shop", "DROP USER IF EXISTS 'repl'@'%'", "DROP USER IF EXISTS 'app'@'%'",
                    "RESET MASTER", "SET GLOBAL gtid_slave_pos=''");
        }
    }

    /** Inserts orders as the application user into whichever node {@code target} names, retrying on refusal. */
    private static Thread writer(AtomicReference<MariaDbCluster.Node> target, AtomicInteger written) {
        Thread t = new Thread(() -> {
            int id = 1;
            while (!Thread.currentThread().isInterrupted()) {
                MariaDbCluster.Node n = target.get();
                try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + n.port()
                        + "/shop?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=1000", "app", "app-pw");
                     PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, 'bench')")) {
                    while (!Thread.currentThread().isInterrupted() && target.get() == n) {
                        ps.setInt(1, id);
                        ps.executeUpdate();
                        id++;
                        written.incrementAndGet();
                    }
                } catch (java.sql.SQLException e) {
                    if (e.getErrorCode() == 1062) id++;
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "bench-writer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void waitFor(AtomicInteger n, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (n.get() < atLeast) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("writer stuck at " + n.get());
            Thread.sleep(2);
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
