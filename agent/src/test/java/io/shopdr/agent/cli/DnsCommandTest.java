package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.sim.linode.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code shopdr dns show|switch} in process against the Linode API simulator. */
class DnsCommandTest {

    private static final String TOKEN = "cli-token-0a1b2c3d4e";
    private static LinodeApiSimulator sim;
    private DnsZone zone;

    @BeforeAll
    static void start() {
        sim = LinodeApiSimulator.start().addToken(TOKEN, "domains:read_write").addToken("fw-only", "firewall:read_write");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void zone(org.junit.jupiter.api.TestInfo info) {
        zone = sim.addZone(info.getTestMethod().orElseThrow().getName().toLowerCase() + ".example.com");
        sim.clearFaults();
        sim.clearRequests();
    }

    /** Exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The real root command; only the dns subcommand is built with the environment it reads LINODE_TOKEN from.
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == DnsCommand.class ? cls.cast(new DnsCommand(env)) : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = Shopdr.commandLine(factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        Run r = new Run(exit, out.toString(), err.toString());
        assertFalse(r.out().contains(TOKEN) || r.err().contains(TOKEN), "token shown: " + r);
        return r;
    }

    private Run run(String... args) {
        return run(Map.of("LINODE_TOKEN", TOKEN), args);
    }

    private String api() {
        return "--api-url=" + sim.apiUrl();
    }

    @Test
    void showsEveryRecordOfTheZone() {
        sim.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
        sim.addRecord(zone, DnsRecord.of("A", "www", "198.51.100.1", 30));
        sim.addRecord(zone, DnsRecord.of("TXT", "_shopdr-vote-us-east", "{\"state\":\"up\"}", 30));
        Run r = run("dns", "show", "--zone", zone.domain(), api());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("zone " + zone.domain() + " (id " + zone.id() + "): 3 record(s)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+\\s+A\\s+@\\s+198\\.51\\.100\\.1\\s+30")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+\\s+A\\s+www\\s+198\\.51\\.100\\.1\\s+30")), r.out());
        assertTrue(r.out().contains("_shopdr-vote-us-east"));
    }

    @Test
    void switchesARecordAndReportsTheChange() {
        sim.addRecord(zone, DnsRecord.of("A", "www", "198.51.100.1", 30));
        Run r = run("dns", "switch", "--zone", zone.domain(), "--name", "www", "--target", "198.51.100.2", api());
        assertEquals(0, r.exit(), r.err());
        assertEquals("switched A www." + zone.domain() + ": 198.51.100.1 -> 198.51.100.2 (ttl 30)", r.out().strip());
        assertEquals("", r.err());
        List<DnsRecord> records = sim.records(zone.domain());
        assertEquals(1, records.size());
        assertEquals("198.51.100.2", records.get(0).target());

        sim.clearRequests();
        Run again = run("dns", "switch", "--zone", zone.domain(), "--name", "www", "--target", "198.51.100.2", api());
        assertEquals(0, again.exit());
        assertTrue(again.out().startsWith("unchanged: A www." + zone.domain()), again.out());
        assertTrue(sim.requests().stream().allMatch(q -> q.method().equals("GET")), "no write when unchanged");
    }

    @Test
    void createsAMissingApexRecordAndWarnsWhenTheTtlWasRounded() {
        Run r = run("dns", "switch", "--zone", zone.domain(), "--name", "@", "--target", "198.51.100.2", "--ttl", "45s", api());
        assertEquals(0, r.exit(), r.err());
        assertEquals("created A " + zone.domain() + " -> 198.51.100.2 (ttl 120)", r.out().strip());
        assertEquals("warning: Linode stored ttl_sec 120 for A " + zone.domain() + ", not the requested 45", r.err().strip());
        assertEquals(List.of(new DnsRecord(sim.records(zone.domain()).get(0).id(), "A", "", "198.51.100.2", 120)),
                sim.records(zone.domain()));
    }

    @Test
    void collapsesDuplicatesAndWarnsAboutTheOtherAddressFamily() {
        sim.addRecord(zone, DnsRecord.of("A", "shop", "198.51.100.1", 30));
        sim.addRecord(zone, DnsRecord.of("A", "shop", "198.51.100.9", 30));
        sim.addRecord(zone, DnsRecord.of("AAAA", "shop", "2001:db8::1", 30));
        Run r = run("dns", "switch", "--zone", zone.domain(), "--name", "shop." + zone.domain(), "--target",
                "198.51.100.2", api());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("removed 1 duplicate A record(s)"), r.out());
        assertTrue(r.err().contains("warning: AAAA shop." + zone.domain() + " still points at 2001:db8::1"), r.err());
        List<String> targets = sim.records(zone.domain()).stream().map(DnsRecord::target).sorted().toList();
        assertEquals(List.of("198.51.100.2", "2001:db8::1"), targets);
        List<String> writes = sim.requests().stream().filter(q -> !q.method().equals("GET"))
                .map(RecordedRequest::method).toList();
        assertEquals(List.of("PUT", "DELETE"), writes, "update first, then remove the duplicate");
    }

    @Test
    void refusesBadInputBeforeCallingTheApi() {
        Run target = run("dns", "switch", "--zone", zone.domain(), "--name", "www", "--target", "shop.example.net", api());
        assertEquals(2, target.exit());
        assertTrue(target.err().contains("--target 'shop.example.net' is not an IP address"), target.err());

        Run noToken = run(Map.of(), "dns", "show", "--zone", zone.domain(), api());
        assertEquals(2, noToken.exit());
        assertTrue(noToken.err().contains("LINODE_TOKEN is not set"), noToken.err());

        Run badUrl = run("dns", "show", "--zone", zone.domain(), "--api-url", "not a url");
        assertEquals(2, badUrl.exit());
        assertTrue(badUrl.err().contains("--api-url"), badUrl.err());

        Run missing = run("dns", "switch", "--zone", zone.domain(), "--target", "198.51.100.2", api());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--name"), missing.err());
        assertTrue(sim.requests().isEmpty());
    }

    @Test
    void reportsApiFailuresInOneLine() {
        Run unknownZone = run("dns", "show", "--zone", "nowhere.example.com", api());
        assertEquals(1, unknownZone.exit());
        assertTrue(unknownZone.err().startsWith("shopdr dns: zone not found: nowhere.example.com"), unknownZone.err());
        assertEquals(1, unknownZone.err().strip().lines().count(), "one line, no stack trace: " + unknownZone.err());

        Run badToken = run(Map.of("LINODE_TOKEN", "expired-token-xyz"), "dns", "show", "--zone", zone.domain(), api());
        assertEquals(1, badToken.exit());
        assertTrue(badToken.err().contains("token invalid or expired"), badToken.err());
        assertFalse(badToken.err().contains("expired-token-xyz"));

        Run noScope = run(Map.of("LINODE_TOKEN", "fw-only"), "dns", "switch", "--zone", zone.domain(), "--name", "www",
                "--target", "198.51.100.2", api());
        assertEquals(1, noScope.exit());
        assertTrue(noScope.err().contains("token lacks domains:read_write"), noScope.err());
    }

    @Test
    void jsonDocumentsForShowSwitchAndApiFailures() throws Exception {
        sim.addRecord(zone, DnsRecord.of("A", "www", "198.51.100.1", 30));
        ObjectMapper json = new ObjectMapper();
        Run show = run("dns", "show", "--zone", zone.domain(), "--json", api());
        assertEquals(0, show.exit(), show.err());
        JsonNode shown = json.readTree(show.out());
        assertTrue(shown.get("ok").asBoolean());
        assertEquals(zone.id(), shown.get("zoneId").asLong());
        assertEquals("www", shown.get("records").get(0).get("name").asText());
        assertEquals("198.51.100.1", shown.get("records").get(0).get("target").asText());

        Run sw = run("dns", "switch", "--zone", zone.domain(), "--name", "www", "--target", "198.51.100.2", "--ttl", "2m",
                "--json", api());
        assertEquals(0, sw.exit(), sw.err());
        JsonNode switched = json.readTree(sw.out());
        assertTrue(switched.get("changed").asBoolean());
        assertEquals("198.51.100.1", switched.get("before").get(0).get("target").asText());
        assertEquals("198.51.100.2", switched.get("after").get("target").asText());
        assertEquals(120, switched.get("after").get("ttlSec").asInt());
        assertEquals(0, switched.get("warnings").size());

        Run failed = run("dns", "show", "--zone", "nowhere.example.com", "--json", api());
        assertEquals(ExitCode.FAILED.code(), failed.exit());
        JsonNode error = json.readTree(failed.out());
        assertFalse(error.get("ok").asBoolean());
        assertTrue(error.get("error").asText().contains("zone not found"), error.toString());
    }

    @Test
    void ttlIsADurationInWholeSeconds() {
        Run fraction = run("dns", "switch", "--zone", zone.domain(), "--name", "www", "--target", "198.51.100.2",
                "--ttl", "1500ms", api());
        assertEquals(ExitCode.USAGE.code(), fraction.exit());
        assertTrue(fraction.err().contains("--ttl 1500ms is not a whole number of seconds"), fraction.err());
        Run bare = run("dns", "switch", "--zone", zone.domain(), "--name", "www", "--target", "198.51.100.2",
                "--ttl", "30", api());
        assertEquals(ExitCode.USAGE.code(), bare.exit());
        assertTrue(bare.err().contains("'30' is not a duration; write a number with a unit"), bare.err());
        assertTrue(sim.requests().isEmpty());
    }

    @Test
    void isRegisteredUnderTheShopdrRoot() {
        CommandLine dns = Shopdr.commandLine().getSubcommands().get("dns");
        assertTrue(dns.getSubcommands().keySet().containsAll(List.of("show", "switch")));
        assertEquals("https://api.linode.com/v4", dns.getCommandSpec().findOption("--api-url").defaultValue());
    }
}
