package io.shopdr.sim.linode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.ratelimit.LimitClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over raw HTTP: Linode's shapes, pagination, filters, errors, scopes, rate limit and faults. */
class LinodeApiSimulatorTest {

    private static final String TOKEN = "sim-test-token-1";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LinodeApiSimulator sim;

    @BeforeEach
    void start() {
        sim = LinodeApiSimulator.start().addToken(TOKEN, LinodeApiSimulator.ALL_SCOPES);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.apiUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authed(String method, String path, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + TOKEN;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return call(method, path, body, all);
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    @Test
    void answersWithoutAValidTokenWith401InLinodesErrorShape() throws Exception {
        HttpResponse<String> none = call("GET", "/domains", null);
        assertEquals(401, none.statusCode());
        assertEquals("Invalid Token", body(none).path("errors").path(0).path("reason").asText());
        assertEquals(401, call("GET", "/domains", null, "Authorization", "Bearer wrong").statusCode());
        sim.revokeToken(TOKEN);
        assertEquals(401, authed("GET", "/domains", null).statusCode());
    }

    @Test
    void enforcesScopesPerToken() throws Exception {
        sim.addToken("ro", "domains:read_only");
        DnsZone zone = sim.addZone("scoped.example.com");
        HttpResponse<String> read = call("GET", "/domains/" + zone.id() + "/records", null, "Authorization", "Bearer ro");
        assertEquals(200, read.statusCode());
        HttpResponse<String> write = call("POST", "/domains/" + zone.id() + "/records",
                "{\"type\":\"A\",\"name\":\"www\",\"target\":\"198.51.100.1\"}", "Authorization", "Bearer ro");
        assertEquals(403, write.statusCode());
        assertEquals(403, call("GET", "/networking/firewalls", null, "Authorization", "Bearer ro").statusCode());
    }

    @Test
    void pagesAndFiltersLikeLinode() throws Exception {
        for (int i = 0; i < 30; i++) {
            sim.addZone("z" + i + ".example.com");
        }
        JsonNode second = body(authed("GET", "/domains?page=2&page_size=25", null));
        assertEquals(2, second.path("page").asInt());
        assertEquals(2, second.path("pages").asInt());
        assertEquals(30, second.path("results").asInt());
        assertEquals(5, second.path("data").size());
        assertEquals("master", second.path("data").path(0).path("type").asText());

        HttpResponse<String> tooSmall = authed("GET", "/domains?page_size=10", null);
        assertEquals(400, tooSmall.statusCode());
        assertEquals("page_size", body(tooSmall).path("errors").path(0).path("field").asText());

        JsonNode filtered = body(authed("GET", "/domains", null, "X-Filter", "{\"domain\":\"z7.example.com\"}"));
        assertEquals(1, filtered.path("results").asInt());
        assertEquals("z7.example.com", filtered.path("data").path(0).path("domain").asText());

        HttpResponse<String> operator = authed("GET", "/domains", null, "X-Filter", "{\"+or\":[{\"domain\":\"a\"}]}");
        assertEquals(400, operator.statusCode());
        JsonNode byDefault = body(authed("GET", "/domains", null));
        assertEquals(30, byDefault.path("data").size(), "default page size is 100, so one page");
        assertEquals(1, byDefault.path("pages").asInt());
    }

    @Test
    void storesRecordsTheWayLinodeDoes() throws Exception {
        DnsZone zone = sim.addZone("ttl.example.com");
        JsonNode created = body(authed("POST", "/domains/" + zone.id() + "/records",
                "{\"type\":\"A\",\"target\":\"198.51.100.1\",\"ttl_sec\":30}", "Content-Type", "application/json"));
        assertEquals("", created.path("name").asText(), "no name = the apex");
        assertEquals(30, created.path("ttl_sec").asInt());
        assertTrue(created.has("created") && created.has("priority") && created.path("tag").isNull());

        String path = "/domains/" + zone.id() + "/records/" + created.path("id").asLong();
        HttpResponse<String> typeChange = authed("PUT", path, "{\"type\":\"AAAA\"}");
        assertEquals(400, typeChange.statusCode());
        assertEquals("type", body(typeChange).path("errors").path(0).path("field").asText());

        assertEquals(3600, body(authed("PUT", path, "{\"ttl_sec\":301}")).path("ttl_sec").asInt());
        assertEquals(400, authed("PUT", path, "{\"target\":\"2001:db8::1\"}").statusCode(), "an A record needs IPv4");
        assertEquals(404, authed("GET", "/domains/" + zone.id() + "/records/999999", null).statusCode());
        assertEquals(404, authed("GET", "/linode/instances", null).statusCode());

        assertEquals(0, RecordsArea.storedTtl(0));
        assertEquals(30, RecordsArea.storedTtl(30));
        assertEquals(120, RecordsArea.storedTtl(31));
        assertEquals(300, RecordsArea.storedTtl(300));
        assertEquals(2419200, RecordsArea.storedTtl(99999999));
    }

    @Test
    void injectsRateLimitsErrorsAndLatency() throws Exception {
        sim.rateLimitNext(1, Duration.ofMillis(1500));
        sim.failNext(1, 503);
        HttpResponse<String> limited = authed("GET", "/domains", null);
        assertEquals(429, limited.statusCode());
        assertEquals("2", limited.headers().firstValue("Retry-After").orElseThrow(), "whole seconds, rounded up");
        assertEquals(503, authed("GET", "/domains", null).statusCode());
        sim.delayNext(1, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertEquals(200, authed("GET", "/domains", null).statusCode());
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "the delayed answer came early");
        assertEquals(List.of(429, 503, 200), sim.requests().stream().map(RecordedRequest::status).toList());
    }

    @Test
    void failsOnlyTheRequestsATargetedFaultPicks() throws Exception {
        DnsZone zone = sim.addZone("shop.example.com");
        DnsRecord apex = sim.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
        sim.failMatching(2, 503, r -> r.method().equals("PUT") && r.path().endsWith("/records/" + apex.id())
                && r.body().contains("198.51.100.2"));
        String put = "/domains/" + zone.id() + "/records/" + apex.id();
        assertEquals(200, authed("GET", "/domains/" + zone.id() + "/records", null).statusCode(), "another request");
        assertEquals(503, authed("PUT", put, "{\"target\":\"198.51.100.2\"}").statusCode());
        assertEquals(200, authed("PUT", put, "{\"target\":\"198.51.100.3\"}").statusCode(), "another body");
        assertEquals(503, authed("PUT", put, "{\"target\":\"198.51.100.2\"}").statusCode());
        assertEquals(200, authed("PUT", put, "{\"target\":\"198.51.100.2\"}").statusCode(), "two were failed, then no more");
        assertEquals("198.51.100.2", sim.records("shop.example.com").get(0).target());
    }

    @Test
    void limitsTheRateWhenAsked() throws Exception {
        sim.rateLimit(2, Duration.ofMinutes(1));
        HttpResponse<String> first = authed("GET", "/domains", null);
        assertEquals("1", first.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals(200, authed("GET", "/domains", null).statusCode());
        HttpResponse<String> third = authed("GET", "/domains", null);
        assertEquals(429, third.statusCode());
        assertTrue(Integer.parseInt(third.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals("0", third.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void keepsFirewallsFaithfully() throws Exception {
        long linode = sim.addLinode("db-eu-west");
        String rules = "{\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":[{\"action\":\"ACCEPT\","
                + "\"protocol\":\"TCP\",\"ports\":\"3306\",\"addresses\":{\"ipv4\":[\"10.0.0.0/8\"]}}],\"outbound\":[]}";
        JsonNode fw = body(authed("POST", "/networking/firewalls",
                "{\"label\":\"db-eu-west\",\"rules\":" + rules + ",\"devices\":{\"linodes\":[" + linode + "]}}"));
        long id = fw.path("id").asLong();
        assertEquals("enabled", fw.path("status").asText());
        assertEquals(1, fw.path("rules").path("version").asInt());
        assertEquals(List.of(linode), sim.attachedLinodes(id));

        HttpResponse<String> second = authed("POST", "/networking/firewalls/" + id + "/devices",
                "{\"type\":\"linode\",\"id\":" + linode + "}");
        assertEquals(400, second.statusCode(), "one firewall per Linode");
        assertEquals(400, authed("POST", "/networking/firewalls", "{\"label\":\"db-eu-west\",\"rules\":" + rules + "}")
                .statusCode(), "labels are unique");
        HttpResponse<String> icmpPorts = authed("PUT", "/networking/firewalls/" + id + "/rules",
                "{\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":[{\"action\":\"ACCEPT\","
                        + "\"protocol\":\"ICMP\",\"ports\":\"1\",\"addresses\":{\"ipv4\":[\"0.0.0.0/0\"]}}]}");
        assertEquals(400, icmpPorts.statusCode());
        assertEquals("inbound[0].ports", body(icmpPorts).path("errors").path(0).path("field").asText());
        HttpResponse<String> hostName = authed("PUT", "/networking/firewalls/" + id + "/rules",
                "{\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":[{\"action\":\"ACCEPT\","
                        + "\"protocol\":\"TCP\",\"ports\":\"22\",\"addresses\":{\"ipv4\":[\"admin.example.com/32\"]}}]}");
        assertEquals(400, hostName.statusCode());
        assertEquals("inbound[0].addresses.ipv4", body(hostName).path("errors").path(0).path("field").asText());

        JsonNode replaced = body(authed("PUT", "/networking/firewalls/" + id + "/rules",
                "{\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":[],\"outbound\":[]}"));
        assertEquals(2, replaced.path("version").asInt());
        assertTrue(sim.firewallRules(id).orElseThrow().inbound().isEmpty());

        JsonNode devices = body(authed("GET", "/networking/firewalls/" + id + "/devices", null));
        assertEquals(linode, devices.path("data").path(0).path("entity").path("id").asLong());
        assertEquals(200, authed("DELETE", "/networking/firewalls/" + id, null).statusCode());
        assertTrue(sim.firewallRules(id).isEmpty());
    }

    @Test
    void logsRequestsWithoutTheToken() throws Exception {
        DnsZone zone = sim.addZone("log.example.com");
        sim.addRecord(zone, DnsRecord.of("A", "www", "198.51.100.1", 30));
        authed("GET", "/domains/" + zone.id() + "/records?page=1&page_size=25", null);
        RecordedRequest r = sim.requests().get(0);
        assertEquals("GET", r.method());
        assertEquals("/domains/" + zone.id() + "/records", r.path());
        assertEquals("page=1&page_size=25", r.query());
        assertEquals(200, r.status());
        assertFalse(r.toString().contains(TOKEN));
        assertEquals(List.of(new DnsRecord(sim.records("log.example.com").get(0).id(), "A", "www", "198.51.100.1", 30)),
                sim.records("log.example.com"));
    }

    @Test
    void appliesFirewallRulesToInboundTraffic() throws Exception {
        long db = sim.addLinode("db-us-east");
        assertTrue(sim.admitsInbound(db, "TCP", 3306, "192.0.2.10"), "no firewall, no filtering");
        JsonNode fw = body(authed("POST", "/networking/firewalls", "{\"label\":\"db-us-east\",\"rules\":{"
                + "\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":["
                + "{\"action\":\"DROP\",\"protocol\":\"TCP\",\"ports\":\"3306\",\"addresses\":{\"ipv4\":[\"192.0.2.66/32\"]}},"
                + "{\"action\":\"ACCEPT\",\"protocol\":\"TCP\",\"ports\":\"22, 3300-3310\",\"addresses\":{\"ipv4\":[\"192.0.2.0/24\"],\"ipv6\":[\"2001:db8::/32\"]}}],"
                + "\"outbound\":[]},\"devices\":{\"linodes\":[" + db + "]}}"));
        assertTrue(sim.admitsInbound(db, "TCP", 3306, "192.0.2.10"));
        assertTrue(sim.admitsInbound(db, "TCP", 3306, "2001:db8::5"));
        assertFalse(sim.admitsInbound(db, "TCP", 3306, "192.0.2.66"), "the first matching rule decides");
        assertFalse(sim.admitsInbound(db, "TCP", 3306, "198.51.100.1"), "policy DROP");
        assertFalse(sim.admitsInbound(db, "TCP", 80, "192.0.2.10"));
        assertFalse(sim.admitsInbound(db, "UDP", 3306, "192.0.2.10"));
        authed("PUT", "/networking/firewalls/" + fw.path("id").asLong() + "/rules",
                "{\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":[],\"outbound\":[]}");
        assertFalse(sim.admitsInbound(db, "TCP", 3306, "192.0.2.10"), "fenced");
    }

    @Test
    void tellsListenersWhatEachLinodesFirewallEnforcesWheneverThatChanges() throws Exception {
        long db = sim.addLinode("db-us-east");
        long other = sim.addLinode("db-gb-lon");
        List<String> told = new ArrayList<>();
        sim.onFirewallEnforcement((linode, rules) -> told.add(linode + " " + rules.map(r -> r.inbound().stream()
                .map(FirewallRule::action).toList().toString()).orElse("none")));
        assertEquals(List.of(), told, "no firewall attached yet: nothing enforced, nothing to tell");

        String declared = "{\"inbound_policy\":\"DROP\",\"outbound_policy\":\"ACCEPT\",\"inbound\":["
                + "{\"label\":\"nodes-us-east\",\"action\":\"ACCEPT\",\"protocol\":\"TCP\",\"ports\":\"3306\","
                + "\"addresses\":{\"ipv4\":[\"192.0.2.10/32\"]}}],\"outbound\":[]}";
        long fw = body(authed("POST", "/networking/firewalls", "{\"label\":\"db-fw-us-east\",\"rules\":" + declared
                + ",\"devices\":{\"linodes\":[" + db + "]}}")).path("id").asLong();
        assertEquals(List.of(db + " [ACCEPT]"), told, "created attached: its rules are enforced on the Linode");

        String path = "/networking/firewalls/" + fw + "/rules";
        assertEquals(200, authed("PUT", path, declared).statusCode());
        assertEquals(2, body(authed("GET", path, null)).path("version").asInt());
        assertEquals(1, told.size(), "the same rules again bump the version but change nothing enforced");
        assertEquals(400, authed("PUT", path, "{\"inbound_policy\":\"MAYBE\"}").statusCode());
        assertEquals(1, told.size(), "a refused update changes nothing");

        String fenced = declared.replace("\"inbound\":[", "\"inbound\":[{\"label\":\"shopdr-fence-db\","
                + "\"action\":\"DROP\",\"protocol\":\"TCP\",\"ports\":\"3306\",\"addresses\":{\"ipv4\":[\"192.0.2.10/32\"]}},");
        authed("PUT", path, fenced);
        assertEquals(db + " [DROP, ACCEPT]", told.get(1), "a rules update is told as it is made");

        List<Optional<FirewallRules>> late = new ArrayList<>();
        sim.onFirewallEnforcement((linode, rules) -> late.add(rules));
        assertEquals(List.of(sim.firewallRules(fw)), late, "a listener added later hears the current state first");

        long device = body(authed("GET", "/networking/firewalls/" + fw + "/devices", null)).path("data").path(0).path("id").asLong();
        authed("DELETE", "/networking/firewalls/" + fw + "/devices/" + device, null);
        authed("POST", "/networking/firewalls/" + fw + "/devices", "{\"type\":\"linode\",\"id\":" + other + "}");
        authed("DELETE", "/networking/firewalls/" + fw, null);
        assertEquals(List.of(db + " [ACCEPT]", db + " [DROP, ACCEPT]", db + " none", other + " [DROP, ACCEPT]", other + " none"),
                told, "detached, attached elsewhere, deleted: Linode then passes everything");
    }

    @Test
    void linodesPerUserLimitsAreEnforcedPerClassWithLinodesHeaders() throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2026-12-01T00:00:00Z");
        sim.enforceLinodeRateLimits().clock(java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC));
        sim.addToken("second-user", LinodeApiSimulator.ALL_SCOPES);
        DnsZone zone = sim.addZone("shop.example.com");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = authed("GET", "/domains/" + zone.id() + "/records", null);
            assertEquals(200, r.statusCode());
            assertEquals(String.valueOf(199 - i), r.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
        HttpResponse<String> refused = authed("GET", "/domains/" + zone.id() + "/records", null);
        assertEquals(429, refused.statusCode());
        assertEquals("60", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("200", refused.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("0", refused.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals(String.valueOf(t0.getEpochSecond() + 60), refused.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertEquals("Too Many Requests", body(refused).path("errors").get(0).path("reason").asText());
        // a single record is not a paginated collection: its own 1,600 limit, untouched
        HttpResponse<String> domain = authed("GET", "/domains/" + zone.id(), null);
        assertEquals(200, domain.statusCode());
        assertEquals("1600", domain.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        // limits are per user (token)
        HttpResponse<String> other = call("GET", "/domains/" + zone.id() + "/records", null,
                "Authorization", "Bearer second-user");
        assertEquals(200, other.statusCode());
        // the meter counts every request, answered or refused
        assertEquals(202, sim.requestsPerMinute().get(io.shopdr.sim.linode.ratelimit.LimitClass.PAGINATED_COLLECTION));
        assertEquals(1, sim.requestsPerMinute().get(io.shopdr.sim.linode.ratelimit.LimitClass.OTHER));
    }

    @Test
    void ratesAWindowShorterThanAMinuteWithoutWhatCameBefore() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        sim.clock(Clock.fixed(t0, ZoneOffset.UTC));
        DnsZone zone = sim.addZone("shop.example.com");
        for (int i = 0; i < 5; i++) authed("GET", "/domains/" + zone.id() + "/records", null); // start-up, before the window
        sim.clock(Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC));
        for (int i = 0; i < 3; i++) authed("GET", "/domains/" + zone.id() + "/records", null);
        authed("GET", "/domains/" + zone.id(), null);
        sim.clock(Clock.fixed(t0.plusSeconds(25), ZoneOffset.UTC));
        authed("GET", "/domains/" + zone.id() + "/records", null); // at the window's end: outside it

        Map<LimitClass, Integer> rate = sim.requestsPerMinuteBetween(t0.plusSeconds(5), t0.plusSeconds(25));
        assertEquals(9, rate.get(LimitClass.PAGINATED_COLLECTION), "3 listings in 20 s = 9 a minute");
        assertEquals(3, rate.get(LimitClass.OTHER), "1 other request in 20 s = 3 a minute");
        assertThrows(IllegalArgumentException.class, () -> sim.requestsPerMinuteBetween(t0, t0));
    }
}
