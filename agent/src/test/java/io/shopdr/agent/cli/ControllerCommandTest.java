package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.health.FakeIngress;
import io.shopdr.agent.health.Vote;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shopdr controller} in process: a witness against the Linode simulator, and the input errors. */
class ControllerCommandTest {
    @TempDir
    Path dir;
    private LinodeApiSimulator linode;
    private FakeIngress east;
    private FakeIngress west;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        linode = LinodeApiSimulator.start().addToken("tok-123", "domains:read_write", "firewall:read_write")
                .addToken("no-domains", "firewall:read_write");
        var zone = linode.addZone("shop.example.com");
        linode.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
        east = new FakeIngress();
        west = new FakeIngress();
        config = dir.resolve("controller.json");
        Files.writeString(config, """
                {"domain": "shop.example.com", "probeInterval": "200ms", "witnesses": ["witness"],
                 "regions": [
                   {"name": "us-east", "ingressIp": "198.51.100.1", "probeUrl": "%s", "database": "127.0.0.1:1", "firewallId": 1},
                   {"name": "eu-west", "ingressIp": "198.51.100.2", "probeUrl": "%s", "database": "127.0.0.1:2", "firewallId": 2}]}
                """.formatted(east.url(), west.url()));
    }

    @AfterEach
    void tearDown() {
        east.close();
        west.close();
        linode.close();
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new ControllerCommand(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void witnessRunsProbesVotesAndServesMetrics() {
        int code = run(Map.of("LINODE_TOKEN", "tok-123"), "--region", "witness", "--config", config.toString(),
                "--api-url", linode.apiUrl().toString(), "--run-for", "3s", "--metrics-port", "0");
        assertEquals(0, code, err.toString());
        String o = out.toString();
        assertTrue(o.contains("shopdr controller witness (witness) running; primary us-east"), o);
        assertTrue(o.contains("/healthz and /metrics on port"), o);
        assertTrue(o.contains("stopped in state PRIMARY_HEALTHY"), o);
        List<Vote> votes = linode.records("shop.example.com").stream().filter(r -> r.name().equals("_shopdr-vote-witness"))
                .map(r -> Vote.parse(r.target())).toList();
        assertEquals(2, votes.size(), votes.toString());
        assertTrue(votes.stream().allMatch(v -> v.state().equals("up")), votes.toString());
        assertTrue(east.requests() >= 3, "probed: " + east.requests());
        assertFalse(o.contains("tok-123") || err.toString().contains("tok-123"), "the token is never printed");
    }

    @Test
    void missingTokenIsAUsageErrorNamingTheVariable() {
        assertEquals(2, run(Map.of(), "--region", "witness", "--config", config.toString()));
        assertTrue(err.toString().contains("LINODE_TOKEN is not set"), err.toString());
    }

    @Test
    void regionControllerNeedsTheDatabasePasswords() {
        assertEquals(2, run(Map.of("LINODE_TOKEN", "tok-123"), "--region", "us-east", "--config", config.toString()));
        assertTrue(err.toString().contains("SHOPDR_DB_ADMIN_PASSWORD is not set"), err.toString());
    }

    @Test
    void unknownRegionAndBadConfigNameTheProblem() throws Exception {
        assertEquals(2, run(Map.of("LINODE_TOKEN", "tok-123"), "--region", "mars", "--config", config.toString()));
        assertTrue(err.toString().contains("--region mars is neither a region [us-east, eu-west] nor a witness [witness]"), err.toString());
        Files.writeString(config, "{\"domain\": \"shop.example.com\", \"regions\": [], \"holdDown\": 5}");
        assertEquals(2, run(Map.of("LINODE_TOKEN", "tok-123"), "--region", "witness", "--config", config.toString()));
        assertTrue(err.toString().contains("'holdDown' must be a duration"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void tokenWithoutDomainScopeFailsAtStartWithTheScopeToAdd() {
        int code = run(Map.of("LINODE_TOKEN", "no-domains"), "--region", "witness", "--config", config.toString(),
                "--api-url", linode.apiUrl().toString(), "--run-for", "1s");
        assertEquals(1, code);
        assertTrue(err.toString().contains("token lacks domains:"), err.toString());
        assertFalse(err.toString().contains("no-domains"), "the token is never printed");
    }
}
