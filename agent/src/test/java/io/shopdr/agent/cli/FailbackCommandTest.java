package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.failover.FirewallFence;
import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.SharedReplicationCluster;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code shopdr failback} in process on real MariaDB: the shop runs failed over in eu-west (node 1 primary, node 0 =
 * the original primary us-east as its replica, us-east's DB firewall still fenced); failback moves it home.
 */
class FailbackCommandTest {
    static SharedReplicationCluster cluster;
    @TempDir
    Path dir;
    private LinodeApiSimulator linode;
    private Path config;
    private FakeIngress eastIngress;
    private long usEastFirewall;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void setUp() throws Exception {
        cluster.reset();
        MariaDbCluster.Node west = cluster.node(1);
        SharedReplicationCluster.createShop(west);
        new ReplicationEngine(cluster.topology(1, Optional.empty())).configure(ConfigureOptions.defaults());
        for (int i = 1; i <= 40; i++) west.execute("INSERT INTO shop.orders VALUES (" + i + ", 'while failed over', " + i + ")");

        linode = LinodeApiSimulator.start().addToken("tok", "domains:read_write", "firewall:read_write");
        var zone = linode.addZone("shop.example.com");
        linode.addRecord(zone, DnsRecord.of("A", "", "198.51.100.2", 30));
        linode.addRecord(zone, DnsRecord.of("A", "www", "198.51.100.2", 30));
        LinodeClient client = LinodeClient.builder().apiUrl(linode.apiUrl()).token("tok").build();
        usEastFirewall = client.createFirewall("db-us-east", new FirewallRules("DROP", List.of(
                new FirewallRule("mysql", "ACCEPT", "TCP", "3306", List.of("192.0.2.0/24"), List.of())), "ACCEPT", List.of())).id();
        new FirewallFence(client).apply(usEastFirewall, cluster.node(0).port(), "us-east");

        MariaDbCluster.Node east = cluster.node(0);
        eastIngress = new FakeIngress(); // the failback moves DNS only once us-east's ingress answers healthy
        config = dir.resolve("controller.yaml");
        Files.writeString(config, """
                domain: shop.example.com
                adminUser: admin
                replicationUser: repl
                regions:
                  - {name: us-east, ingressIp: 198.51.100.1, probeUrl: "%s", database: "127.0.0.1:%d", firewallId: %d}
                  - {name: eu-west, ingressIp: 198.51.100.2, database: "127.0.0.1:%d"}
                """.formatted(eastIngress.url(), east.port(), usEastFirewall, west.port()));
        out = new StringWriter();
        err = new StringWriter();
    }

    @AfterEach
    void tearDown() {
        eastIngress.close();
        linode.close();
    }

    private int failback(String to, String... more) {
        CommandLine cl = new CommandLine(new FailbackCommand(Map.of("LINODE_TOKEN", "tok",
                "SHOPDR_DB_ADMIN_PASSWORD", SharedReplicationCluster.ADMIN.password(),
                "SHOPDR_DB_REPLICATION_PASSWORD", SharedReplicationCluster.REPL.password())));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("--to", to, "--config", config.toString(), "--api-url",
                linode.apiUrl().toString(), "--timeout", "60s"));
        args.addAll(List.of(more));
        return cl.execute(args.toArray(String[]::new));
    }

    private List<String> a(String name) {
        return linode.records("shop.example.com").stream().filter(r -> r.type().equals("A") && r.name().equals(name))
                .map(DnsRecord::target).toList();
    }

    @Test
    void failbackMovesPrimaryDatabaseAndDnsHomeWithZeroLostRows() throws Exception {
        assertEquals(0, failback("us-east"), err.toString() + out);
        String o = out.toString();
        assertTrue(o.contains("failback eu-west -> us-east: COMPLETED (0 transactions lost)"), o);
        MariaDbCluster.Node east = cluster.node(0);
        MariaDbCluster.Node west = cluster.node(1);
        assertEquals("40", east.queryString("SELECT COUNT(*) FROM shop.orders"), "zero lost rows");
        assertEquals("0", east.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals("1", west.queryString("SELECT @@GLOBAL.read_only"));
        east.execute("INSERT INTO shop.orders VALUES (41, 'home again', 41)");
        String pos = east.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", west.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"), "eu-west replicates from us-east");
        assertEquals(List.of("198.51.100.1"), a(""));
        assertEquals(List.of("198.51.100.1"), a("www"));
        assertFalse(FirewallFence.isFenced(linode.firewallRules(usEastFirewall).orElseThrow(), east.port()), "fence lifted");
        assertEquals("mysql", linode.firewallRules(usEastFirewall).orElseThrow().inbound().get(0).label(), "other rules kept");
        assertFalse(o.contains(SharedReplicationCluster.ADMIN.password()), "no password in the output");

        out.getBuffer().setLength(0);
        assertEquals(1, failback("us-east"));
        assertTrue(err.toString().contains("us-east is already the primary"), err.toString());
    }

    @Test
    void divergedTargetIsRefusedAndNothingMoves() throws Exception {
        MariaDbCluster.Node east = cluster.node(0);
        east.execute("SET GLOBAL read_only=OFF", "INSERT INTO shop.orders VALUES (999, 'errant write on the old primary', 0)");
        assertEquals(1, failback("us-east"));
        String e = err.toString();
        assertTrue(e.contains("failback stopped") && e.contains("e-clone"), e);
        assertTrue(e.contains("DNS still points at eu-west"), e);
        assertEquals(List.of("198.51.100.2"), a(""), "DNS unchanged");
        assertEquals("0", cluster.node(1).queryString("SELECT @@GLOBAL.read_only"), "eu-west still the writable primary");
    }

    @Test
    void jsonIsTheIncidentWithItsTimeline() throws Exception {
        cluster.node(0).execute("SET GLOBAL read_only=OFF", "INSERT INTO shop.orders VALUES (999, 'errant write on the old primary', 0)");
        assertEquals(1, failback("us-east", "--json"));
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertEquals("FAILBACK", doc.get("kind").asText());
        assertEquals("FAILED", doc.get("outcome").asText());
        assertEquals("us-east", doc.get("toRegion").asText());
        assertTrue(doc.get("timeline").toString().contains("e-clone"), doc.toString());
        assertEquals(List.of("198.51.100.2"), a(""), "DNS unchanged");
    }

    @Test
    void unknownRegionIsAUsageError() {
        assertEquals(2, failback("mars"));
        assertTrue(err.toString().contains("--to mars is not a region"), err.toString());
    }
}
