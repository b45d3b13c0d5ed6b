package io.shopdr.agent.failover;

import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.health.ShiftableClock;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.SharedReplicationCluster;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One local deployment for controller scenarios: three regions (us-east = home primary, eu-west, ap-south) on the
 * shared real MariaDB cluster with GTID replication configured, an in-process ingress per region, the Linode API
 * simulator holding the shop's zone and one database firewall per region, and a controller per region plus a
 * witness — all driven through the real LinodeClient.
 */
final class ControllerFixture implements AutoCloseable {
    static final String DOMAIN = "shop.example.com";
    static final String TOKEN = "controller-token";
    static final String READ_ONLY_TOKEN = "read-only-token";
    static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    static final Map<String, String> IPV4 = Map.of("us-east", "198.51.100.1", "eu-west", "198.51.100.2", "ap-south", "198.51.100.3");
    static final Map<String, String> IPV6 = Map.of("us-east", "2001:db8::1", "eu-west", "2001:db8::2");

    final SharedReplicationCluster db;
    final LinodeApiSimulator linode;
    final LinodeClient client;
    final DnsZone zone;
    final Map<String, FakeIngress> ingress = new LinkedHashMap<>();
    final Map<String, Long> firewalls = new LinkedHashMap<>();
    final Map<String, FailoverController> controllers = new LinkedHashMap<>();
    final ShiftableClock clock = ShiftableClock.system();
    ControllerConfig config;

    ControllerFixture(SharedReplicationCluster db) throws Exception {
        this.db = db;
        db.reset();
        SharedReplicationCluster.createShop(db.node(0));
        new ReplicationEngine(db.topology()).configure(ConfigureOptions.defaults());
        linode = LinodeApiSimulator.start()
                .addToken(TOKEN, "domains:read_write", "firewall:read_write")
                .addToken(READ_ONLY_TOKEN, "domains:read_only", "firewall:read_only");
        client = client(TOKEN, RetryPolicy.defaults());
        zone = linode.addZone(DOMAIN);
        for (String name : List.of("", "www")) {
            linode.addRecord(zone, DnsRecord.of("A", name, IPV4.get("us-east"), 30));
            linode.addRecord(zone, DnsRecord.of("AAAA", name, IPV6.get("us-east"), 30));
        }
        for (String r : REGIONS) {
            ingress.put(r, new FakeIngress());
            FirewallRules rules = new FirewallRules("DROP", List.of(new FirewallRule("mysql-from-regions", "ACCEPT", "TCP",
                    "3306", List.of("192.0.2.0/24"), List.of())), "ACCEPT", List.of());
            firewalls.put(r, client.createFirewall("db-" + r, rules).id());
        }
        config = configBuilder().build();
    }

    LinodeClient client(String token, RetryPolicy retry) {
        return LinodeClient.builder().apiUrl(linode.apiUrl()).token(token).retryPolicy(retry).build();
    }

    MariaDbCluster.Node node(String region) {
        return db.node(REGIONS.indexOf(region));
    }

    /** Fast probing for tests on a loaded machine: 400 ms interval, thresholds 3/3, votes stale after 2 s. */
    ControllerConfig.Builder configBuilder() {
        ControllerConfig.Builder b = ControllerConfig.builder()
                .domain(DOMAIN)
                .probeScheme("http")
                .probeInterval(Duration.ofMillis(400))
                .connectTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofSeconds(1))
                .failureThreshold(3)
                .successThreshold(3)
                .voteStaleAfter(Duration.ofSeconds(2))
                .voteRefresh(Duration.ofMillis(400))
                .witness("witness");
        for (String r : REGIONS) {
            MariaDbCluster.Node n = node(r);
            b.region(new RegionConfig(r, IPV4.get(r), IPV6.get(r), ingress.get(r).url(), n.host() + ":" + n.port(),
                    firewalls.get(r)));
        }
        return b;
    }

    /** Starts one controller per region and the witness with {@link #config}. */
    void startControllers() {
        for (String name : config.observers()) startController(name, client);
    }

    FailoverController startController(String name, LinodeClient with) {
        boolean witness = !config.isRegion(name);
        FailoverController c = new FailoverController(config, name, with, witness ? null : with,
                witness ? null : new EngineRegionDatabases(config, SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL),
                clock);
        controllers.put(name, c);
        c.start();
        return c;
    }

    FailoverController controller(String name) {
        return controllers.get(name);
    }

    /** The region's whole outage: database SIGKILLed, ingress gone, its controller gone. */
    void killRegion(String region) {
        FailoverController c = controllers.get(region);
        if (c != null) c.stop();
        ingress.get(region).stop();
        node(region).kill();
    }

    List<String> targets(String type, String name) {
        return linode.records(DOMAIN).stream().filter(r -> r.type().equals(type) && r.name().equals(name))
                .map(DnsRecord::target).toList();
    }

    FirewallRules firewallRules(String region) {
        return linode.firewallRules(firewalls.get(region)).orElseThrow();
    }

    static void await(Duration max, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + max.toSeconds() + " s: " + what.get());
            Thread.sleep(100);
        }
    }

    /** The controllers' states and reasons, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        controllers.forEach((n, c) -> sb.append("\n  ").append(n).append(": ").append(c.state()).append(" (")
                .append(c.stateReason()).append(") lastError=").append(c.lastError()));
        sb.append("\n  records: ").append(linode.records(DOMAIN));
        return sb.toString();
    }

    @Override
    public void close() {
        for (FailoverController c : controllers.values()) c.close();
        for (FakeIngress i : ingress.values()) i.close();
        linode.close();
    }
}
