package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerConfigFileTest {
    static final String YAML = """
            domain: shop.example.com
            recordNames: ["", www, shop]
            probeInterval: 1s
            failureThreshold: 4
            holdDown: 30m
            caFile: /etc/shopdr/ca.pem
            serverCaPath: /etc/mysql/tls/ca.pem
            witnesses: [witness]
            regions:
              - name: us-east
                ingressIp: 198.51.100.1
                ingressIpv6: "2001:db8::1"
                database: 203.0.113.10:3306
                firewallId: 1234
              - name: eu-west
                ingressIp: 198.51.100.2
                database: 203.0.113.20:3306
                firewallId: 1235
            """;

    @Test
    void readsYamlWithDefaultsFilledIn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("controller.yaml");
        Files.writeString(f, YAML);
        ControllerConfig c = ControllerConfigFile.read(f);
        assertEquals("shop.example.com", c.domain());
        assertEquals("shop.example.com", c.hostHeader(), "Host header defaults to the domain");
        assertEquals(List.of("", "www", "shop"), c.recordNames());
        assertEquals(Duration.ofSeconds(1), c.probeInterval());
        assertEquals(4, c.failureThreshold());
        assertEquals(3, c.successThreshold());
        assertEquals(Duration.ofSeconds(3), c.voteStaleAfter(), "stale after 3 probe intervals by default");
        assertEquals(Duration.ofSeconds(1), c.voteRefresh());
        assertEquals(Duration.ofMinutes(30), c.holdDown());
        assertFalse(c.autoFailback(), "automatic failback is off by default");
        assertEquals(Duration.ofSeconds(2), c.sqlFenceTimeout());
        assertEquals("us-east", c.homeRegion().name());
        assertEquals(1235, c.region("eu-west").firewallId());
        assertEquals("2001:db8::1", c.region("us-east").ingressIpv6());
        assertEquals(List.of("us-east", "eu-west", "witness"), c.observers());
        assertEquals(30, c.recordTtl());
        assertEquals(Path.of("/etc/shopdr/ca.pem"), c.caFile());
        assertEquals("/etc/mysql/tls/ca.pem", c.serverCaPath());
        assertEquals(Duration.ofSeconds(5), c.calmZoneReadInterval(), "a calm controller lists the zone every 5 s");
        assertEquals(3 * 12, c.zoneListingsPerMinute(), "3 observers: one listing per 5 s each");
        assertEquals(3 * 2 * 60, c.voteWritesPerMinute(), "3 observers: 2 vote rewrites per second each");
        assertEquals(3 * (12 + 2 * 60), c.apiRequestsPerMinute());
    }

    @Test
    void readsJson(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("controller.json");
        Files.writeString(f, """
                {"domain":"shop.example.com","holdDown":"PT2H","autoFailback":true,
                 "regions":[{"name":"a","ingressIp":"198.51.100.1"},{"name":"b","ingressIp":"198.51.100.2"}]}""");
        ControllerConfig c = ControllerConfigFile.read(f);
        assertEquals(Duration.ofHours(2), c.holdDown());
        assertTrue(c.autoFailback());
        assertEquals(Duration.ofSeconds(5), c.probeInterval(), "production default");
        assertEquals(Duration.ofSeconds(15), c.voteStaleAfter());
        assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        assertEquals(Duration.ofSeconds(3), c.readTimeout());
        assertTrue(c.apiRequestsPerMinute() <= 200, "defaults stay well inside Linode's rate limit: " + c.apiRequestsPerMinute());
    }

    private static String error(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> ControllerConfigFile.parse(yaml, true)).getMessage();
    }

    /** The problems ControllerConfig's validation found in a document that parses. */
    private static List<Problem> problems(String yaml) {
        return assertThrows(InvalidConfigException.class, () -> ControllerConfigFile.parse(yaml, true)).problems();
    }

    private static void assertProblem(List<Problem> problems, String field, String problem) {
        assertTrue(problems.stream().anyMatch(p -> p.field().equals(field) && p.problem().contains(problem)),
                "no problem '" + problem + "' at " + field + " in " + problems);
    }

    @Test
    void badInputNamesTheFieldAndTheFix() {
        assertTrue(error("regions: []").contains("'domain' is required"), error("regions: []"));
        assertTrue(error(YAML.replace("probeInterval: 1s", "probeIntervall: 1s")).contains("unknown field 'probeIntervall'"));
        assertTrue(error(YAML.replace("probeInterval: 1s", "probeInterval: soon")).contains("'probeInterval' = 'soon' is not a duration"));
        assertTrue(error(YAML + "token: abc\n").contains("set LINODE_TOKEN"));
        assertFalse(error(YAML + "token: abc-secret\n").contains("abc-secret"), "the secret value is not echoed");
        assertTrue(error(YAML.replace("firewallId: 1235", "firewallId: many")).contains("regions[1].firewallId must be a number"));
        assertTrue(error(YAML.replace("    ingressIp: 198.51.100.2\n", "")).contains("regions[1].ingressIp' is required"));
        assertProblem(problems(YAML.replace("198.51.100.2", "198.51.100.1")), "regions[1].ingressIp", "198.51.100.1 is shared");
        assertProblem(problems(YAML.replace("[witness]", "[us-east]")), "witnesses", "us-east is also a region name");
        assertTrue(error("domain: [").contains("not valid YAML"));
        assertProblem(problems("domain: shop.example.com\nregions:\n  - {name: a, ingressIp: 198.51.100.1}\n"), "regions",
                "at least 2 regions");
        assertEquals(List.of(new Problem("voteRefresh", "(PT10S) is not shorter than voteStaleAfter (PT5S)",
                "shorten it, or live observers' votes go stale")), problems(YAML + "voteRefresh: 10s\nvoteStaleAfter: 5s\n"));
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        String m = assertThrows(IllegalArgumentException.class, () -> ControllerConfigFile.read(dir.resolve("nope.yaml"))).getMessage();
        assertTrue(m.contains("nope.yaml does not exist"), m);
    }
}
