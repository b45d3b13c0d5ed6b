package io.shopdr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.shopdr.agent.failover.ControllerConfig;
import io.shopdr.agent.failover.EngineRegionDatabases;
import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.RegionConfig;
import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.Topology;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Controller benchmarks (issue #6): (1) primary death → shop's DNS switched, in process — real MariaDB primary and
 * replica, Linode API simulator through the real client, in-process ingresses, controllers for two regions plus a
 * witness, probes every 1 s, thresholds 3/3, median of 10 (target ≤ 1.3 × 3 s + 1 s = 4.9 s); (2) heap of one
 * controller probing 10 regions, in a child JVM capped at -Xmx64m (target ≤ 64 MiB).
 *
 * <p>Run with {@code bench/run controller [-- --runs N]}.
 */
public final class ControllerBenchmark {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final double TARGET_SECONDS = 1.3 * 3 + 1;
    static final long HEAP_TARGET_BYTES = 64L * 1024 * 1024;
    static final Credentials ADMIN = new Credentials(MariaDbCluster.ADMIN_USER, MariaDbCluster.ADMIN_PASSWORD);
    static final Credentials REPL = new Credentials("repl", "repl-bench-pw");
    static final String TOKEN = "bench-token";

    public static void main(String[] args) throws Exception {
        HttpProbe.allowHostHeader();
        Logger.getLogger("").setLevel(Level.WARNING);
        for (var h : Logger.getLogger("").getHandlers()) h.setLevel(Level.WARNING);
        Path results = null;
        int runs = 10;
        boolean heap = true;
        boolean failover = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--heap-only" -> failover = false;
                case "--no-heap" -> heap = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --results FILE, --runs N, --heap-only, --no-heap");
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = json.createObjectNode().put("suite", "controller").put("at", Instant.now().toString());
        boolean met = true;
        try (MariaDbCluster db = MariaDbCluster.start(2)) {
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
            if (failover) met &= failoverBenchmark(db, runs, out.putObject("primaryDeathToDnsSwitched"));
            if (heap) met &= heapBenchmark(db, out.putObject("controllerHeap10Targets"));
        }
        if (results != null) {
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, json.writeValueAsString(out));
            System.out.println("results: " + results);
        }
        System.exit(met ? 0 : 1);
    }

    // ------------------------------------------------------------------------ primary death → DNS switched

    static boolean failoverBenchmark(MariaDbCluster db, int runs, ObjectNode out) throws Exception {
        List<Double> seconds = new ArrayList<>();
        ArrayNode detail = out.putArray("runs");
        for (int i = 1; i <= runs; i++) {
            ObjectNode run = detail.addObject();
            double s = oneFailover(db, run);
            seconds.add(s);
            System.out.printf("run %2d: DNS switched %.2f s after the primary died (quorum %.2f s, promoted %.2f s)%n",
                    i, s, run.path("quorumSeconds").asDouble(), run.path("promotedSeconds").asDouble());
        }
        double median = median(seconds);
        boolean met = median <= TARGET_SECONDS;
        out.put("probeIntervalSeconds", 1).put("failureThreshold", 3).put("successThreshold", 3)
                .put("medianSeconds", round(median)).put("minSeconds", round(Collections.min(seconds)))
                .put("maxSeconds", round(Collections.max(seconds))).put("targetSeconds", TARGET_SECONDS).put("met", met);
        System.out.printf("%n| benchmark | median | min | max | target | met |%n|---|---|---|---|---|---|%n"
                        + "| primary death → DNS switched (1 s probes, 3/3, %d runs) | %.2f s | %.2f s | %.2f s | ≤ %.1f s | %s |%n%n",
                runs, median, Collections.min(seconds), Collections.max(seconds), TARGET_SECONDS, met ? "yes" : "NO");
        return met;
    }

    static double oneFailover(MariaDbCluster db, ObjectNode run) throws Exception {
        reset(db);
        MariaDbCluster.Node east = db.node(0);
        MariaDbCluster.Node west = db.node(1);
        east.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(64)) ENGINE=InnoDB");
        new ReplicationEngine(new Topology(endpoint(east), List.of(endpoint(west)), ADMIN, REPL)).configure(ConfigureOptions.defaults());

        Map<String, HttpServer> ingress = new LinkedHashMap<>();
        List<FailoverController> controllers = new ArrayList<>();
        LinodeApiSimulator linode = LinodeApiSimulator.start().addToken(TOKEN, "domains:read_write", "firewall:read_write");
        try {
            LinodeClient client = LinodeClient.builder().apiUrl(linode.apiUrl()).token(TOKEN).build();
            DnsZone zone = linode.addZone("shop.example.com");
            linode.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
            linode.addRecord(zone, DnsRecord.of("A", "www", "198.51.100.1", 30));
            ControllerConfig.Builder b = ControllerConfig.builder().domain("shop.example.com").probeScheme("http")
                    .probeInterval(INTERVAL).failureThreshold(3).successThreshold(3).witness("witness");
            String[] regions = {"us-east", "eu-west"};
            MariaDbCluster.Node[] nodes = {east, west};
            for (int r = 0; r < 2; r++) {
                HttpServer s = ingress(0);
                ingress.put(regions[r], s);
                long fw = client.createFirewall("db-" + regions[r], new FirewallRules("DROP", List.of(new FirewallRule("mysql",
                        "ACCEPT", "TCP", "3306", List.of("192.0.2.0/24"), List.of())), "ACCEPT", List.of())).id();
                b.region(new RegionConfig(regions[r], "198.51.100." + (r + 1), null,
                        "http://127.0.0.1:" + s.getAddress().getPort() + "/healthz", "127.0.0.1:" + nodes[r].port(), fw));
            }
            ControllerConfig config = b.build();
            for (String o : config.observers()) {
                boolean witness = !config.isRegion(o);
                FailoverController c = new FailoverController(config, o, client, witness ? null : client,
                        witness ? null : new EngineRegionDatabases(config, ADMIN, REPL), Clock.systemUTC());
                controllers.add(c);
                c.start();
            }
            FailoverController westController = controllers.get(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(controllers.stream().allMatch(c -> c.lastRound() != null
                    && c.localView().values().stream().allMatch(s -> s == TargetState.UP)
                    && c.verdict("us-east").up() && c.verdict("eu-west").up())
                    && westController.lastSeenPrimaryGtid() != null)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("controllers did not see both regions up within 60 s");
                Thread.sleep(50);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(INTERVAL.toMillis())); // death at a random probe phase

            Instant diedAt = Instant.now();
            long t0 = System.nanoTime();
            ingress.get("us-east").stop(0);
            east.kill();
            controllers.get(0).stop();
            double switched = -1;
            while (System.nanoTime() - t0 < Duration.ofSeconds(90).toNanos()) {
                boolean done = linode.records("shop.example.com").stream()
                        .filter(r -> r.type().equals("A")).allMatch(r -> r.target().equals("198.51.100.2"));
                if (done) {
                    switched = (System.nanoTime() - t0) / 1e9;
                    break;
                }
                Thread.sleep(10);
            }
            if (switched < 0) throw new IllegalStateException("DNS was not switched within 90 s: " + westController.stateReason());
            run.put("dnsSwitchedSeconds", round(switched));
            Incident incident = westController.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER)
                    .findFirst().orElse(null);
            if (incident != null) {
                incident.timeOf("quorum declared").ifPresent(t -> run.put("quorumSeconds", since(diedAt, t)));
                incident.timeOf("promoted").ifPresent(t -> run.put("promotedSeconds", since(diedAt, t)));
                incident.lostTransactions().ifPresent(n -> run.put("rpoTransactions", n));
            }
            return switched;
        } finally {
            controllers.forEach(FailoverController::close); // before the simulator, or they retry against a closed API
            ingress.values().forEach(s -> s.stop(0));
            linode.close();
        }
    }

    // ------------------------------------------------------------------------ heap with 10 targets

    static boolean heapBenchmark(MariaDbCluster db, ObjectNode out) throws Exception {
        reset(db);
        int regions = 10;
        int seconds = 60;
        List<HttpServer> servers = new ArrayList<>();
        try (LinodeApiSimulator linode = LinodeApiSimulator.start().addToken(TOKEN, "domains:read_write", "firewall:read_write")) {
            DnsZone zone = linode.addZone("shop.example.com");
            linode.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
            StringBuilder regionJson = new StringBuilder();
            for (int r = 1; r <= regions; r++) {
                HttpServer s = ingress(0);
                servers.add(s);
                int dbPort = r == 1 ? db.node(0).port() : r == 2 ? db.node(1).port() : 1000 + r;
                regionJson.append(r == 1 ? "" : ",").append(String.format(
                        "{\"name\":\"r%02d\",\"ingressIp\":\"198.51.100.%d\",\"probeUrl\":\"http://127.0.0.1:%d/healthz\","
                                + "\"database\":\"127.0.0.1:%d\",\"firewallId\":%d}",
                        r, r, s.getAddress().getPort(), dbPort, r));
            }
            Path config = Files.createTempFile("shopdr-bench-controller-", ".json");
            Files.writeString(config, "{\"domain\":\"shop.example.com\",\"probeScheme\":\"http\",\"probeInterval\":\"1s\","
                    + "\"adminUser\":\"admin\",\"replicationUser\":\"repl\",\"regions\":[" + regionJson + "]}");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
                    "-Djdk.httpclient.allowRestrictedHeaders=host",
                    "-cp", System.getProperty("java.class.path"), ControllerHeapProbe.class.getName(),
                    config.toString(), linode.apiUrl().toString(), Integer.toString(seconds));
            pb.environment().put("LINODE_TOKEN", TOKEN);
            pb.environment().put("SHOPDR_DB_ADMIN_PASSWORD", ADMIN.password());
            pb.environment().put("SHOPDR_DB_REPLICATION_PASSWORD", REPL.password());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0) throw new IllegalStateException("heap probe JVM exited " + code + ": " + stdout);
            String line = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b2) -> b2).orElseThrow(
                    () -> new IllegalStateException("heap probe printed no result: " + stdout));
            ObjectNode r = (ObjectNode) new ObjectMapper().readTree(line);
            long used = r.path("usedAfterGcBytes").asLong();
            long peak = r.path("peakHeapBytes").asLong();
            boolean met = peak <= HEAP_TARGET_BYTES && r.path("cycles").asInt() >= seconds / 2;
            out.setAll(r);
            out.put("regions", regions).put("targetBytes", HEAP_TARGET_BYTES).put("jvmMaxHeap", "-Xmx64m").put("met", met);
            System.out.printf("| benchmark | heap after GC | peak heap | cycles | target | met |%n|---|---|---|---|---|---|%n"
                            + "| controller heap, %d targets, %d s in a -Xmx64m JVM | %.1f MiB | %.1f MiB | %d | ≤ 64 MiB | %s |%n%n",
                    regions, seconds, used / 1048576.0, peak / 1048576.0, r.path("cycles").asInt(), met ? "yes" : "NO");
            Files.deleteIfExists(config);
            return met;
        } finally {
            servers.forEach(s -> s.stop(0));
        }
    }

    // ------------------------------------------------------------------------ plumbing

    static HttpServer ingress(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    static Endpoint endpoint(MariaDbCluster.Node n) {
        return new Endpoint(n.host(), n.port());
    }

    /** Restarts dead nodes and returns both to empty, independent, writable servers. */
    static void reset(MariaDbCluster db) throws Exception {
        for (MariaDbCluster.Node n : db.nodes()) {
            if (!n.isRunning()) n.restart();
            n.execute("STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only=OFF", "SET sql_log_bin=0",
                    "DROP DATABASE IF EXISTS shop", "DROP USER IF EXISTS 'repl'@'%'", "RESET MASTER", "SET GLOBAL gtid_slave_pos=''");
        }
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double since(Instant from, Instant to) {
        return round(Duration.between(from, to).toNanos() / 1e9);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
