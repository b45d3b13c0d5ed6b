package io.shopdr.agent.linode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.Firewall;
import io.shopdr.linode.firewall.FirewallDevice;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import io.shopdr.sim.linode.RecordedRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LinodeClient against the Linode API simulator: CRUD, pagination, retries, budgets, error messages, secrecy. */
class LinodeClientTest {

    private static final String TOKEN = "tok-5f1c2a9e7b3d4c68a0e1";
    private static final String DOMAINS_ONLY = "tok-domains-only-77aa11";
    private static final String FIREWALL_ONLY = "tok-firewall-only-88bb22";
    private static final String READ_ONLY = "tok-read-only-99cc33";

    private static LinodeApiSimulator sim;
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger would lose the handler. */
    private static final Logger clientLogger = Logger.getLogger(LinodeClient.class.getName());
    private static final List<String> logLines = new ArrayList<>();
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private final List<String> messages = new ArrayList<>();
    private DnsZone zone;

    @BeforeAll
    static void startSimulator() {
        sim = LinodeApiSimulator.start()
                .addToken(TOKEN, "domains:read_write", "firewall:read_write")
                .addToken(DOMAINS_ONLY, "domains:read_write")
                .addToken(FIREWALL_ONLY, "firewall:read_write")
                .addToken(READ_ONLY, "domains:read_only", "firewall:read_only");
        clientLogger.addHandler(capture);
    }

    @AfterAll
    static void stopSimulator() {
        clientLogger.removeHandler(capture);
        sim.close();
    }

    @BeforeEach
    void freshZone(org.junit.jupiter.api.TestInfo info) {
        sim.clearFaults();
        zone = sim.addZone(info.getTestMethod().orElseThrow().getName().toLowerCase() + ".example.com");
        sim.clearRequests();
    }

    @AfterEach
    void tokenNeverShown() {
        List<String> all = new ArrayList<>(messages);
        synchronized (logLines) {
            all.addAll(logLines);
        }
        for (String m : all) {
            for (String t : List.of(TOKEN, DOMAINS_ONLY, FIREWALL_ONLY, READ_ONLY)) {
                assertFalse(m.contains(t), "a message or log line shows a token: " + m);
            }
        }
    }

    private LinodeClient client(String token) {
        return LinodeClient.builder().apiUrl(sim.apiUrl()).token(token)
                .retryPolicy(new RetryPolicy(6, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(20)))
                .build();
    }

    private <T extends Throwable> T failure(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        messages.add(String.valueOf(e.getMessage()));
        messages.add(e.toString());
        return e;
    }

    @Test
    void findsZoneAndCreatesUpdatesDeletesRecords() {
        LinodeClient client = client(TOKEN);
        DnsZone found = client.zone(zone.domain().toUpperCase() + ".");
        assertEquals(zone, found);

        DnsRecord apex = client.create(found, DnsRecord.of("A", "", "198.51.100.1", 30));
        DnsRecord www = client.create(found, DnsRecord.of("A", "www", "198.51.100.1", 30));
        assertTrue(apex.id() > 0);
        assertEquals("", apex.name());
        assertEquals(30, apex.ttlSec(), "Linode accepts (and stores) ttl 30");

        DnsRecord moved = client.update(found, www.withTarget("198.51.100.2"));
        assertEquals("198.51.100.2", moved.target());
        assertEquals(www.id(), moved.id());

        client.delete(found, apex.id());
        List<DnsRecord> now = client.records(found);
        assertEquals(List.of(moved), now);
        assertEquals(now, sim.records(zone.domain()));

        RecordedRequest put = sim.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertFalse(put.body().contains("\"type\""), "PUT must never carry the record type: " + put.body());
        RecordedRequest lookup = sim.requests().get(0);
        assertEquals("/domains", lookup.path());
    }

    @Test
    void readsBackTheTtlLinodeStored() {
        LinodeClient client = client(TOKEN);
        assertEquals(120, client.create(zone, DnsRecord.of("A", "a", "203.0.113.5", 45)).ttlSec());
        assertEquals(300, client.create(zone, DnsRecord.of("A", "b", "203.0.113.5", 200)).ttlSec());
        assertEquals(30, client.create(zone, DnsRecord.of("TXT", "_shopdr-vote-us-east", "{\"state\":\"up\"}", 30)).ttlSec());
    }

    @Test
    void listsRecordsAcrossAllPages() {
        for (int i = 0; i < 61; i++) {
            sim.addRecord(zone, DnsRecord.of("TXT", "r" + i, "v" + i, 300));
        }
        sim.clearRequests();
        LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN).pageSize(25).build();
        List<DnsRecord> all = client.records(zone);
        assertEquals(61, all.size());
        assertEquals(61, all.stream().map(DnsRecord::name).distinct().count());
        List<String> queries = sim.requests().stream().map(RecordedRequest::query).toList();
        assertEquals(List.of("page=1&page_size=25", "page=2&page_size=25", "page=3&page_size=25"), queries);
    }

    @Test
    void retriesRateLimitHonouringRetryAfter() {
        sim.rateLimitNext(2, Duration.ofSeconds(1));
        List<DnsRecord> records = client(TOKEN).records(zone);
        assertTrue(records.isEmpty());
        List<RecordedRequest> log = sim.requests();
        assertEquals(List.of(429, 429, 200), log.stream().map(RecordedRequest::status).toList());
        // Retry-After: 1 means the next try comes at least a second later (the computed backoff would be < 100 ms).
        for (int i = 1; i < log.size(); i++) {
            Duration gap = Duration.between(log.get(i - 1).at(), log.get(i).at());
            assertTrue(gap.toMillis() >= 950, "retried after " + gap.toMillis() + " ms despite Retry-After: 1");
        }
        synchronized (logLines) {
            // The retries are logged (and tokenNeverShown checks these lines too, so that check is not vacuous).
            assertTrue(logLines.stream().anyMatch(l -> l.contains("429") && l.contains("/domains/" + zone.id()
                    + "/records") && l.contains("retrying")), logLines.toString());
        }
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        sim.failNext(2, 503);
        DnsRecord r = client(TOKEN).create(zone, DnsRecord.of("A", "shop", "198.51.100.7", 30));
        assertEquals("198.51.100.7", r.target());
        assertEquals(List.of(503, 503, 200), sim.requests().stream().map(RecordedRequest::status).toList());
        assertEquals(1, sim.records(zone.domain()).size(), "a retried create must not create twice");
    }

    @Test
    void givesUpClearlyWhenTheBudgetIsSpent() {
        sim.failNext(1000, 500);
        LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN)
                .retryPolicy(new RetryPolicy(100, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1)))
                .build();
        LinodeApiException e = failure(LinodeApiException.class, () -> client.records(zone));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("gave up after"), e.getMessage());
        assertTrue(e.getMessage().contains("retry budget 1000 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /domains/" + zone.id() + "/records"), e.getMessage());
        int tries = sim.requests().size();
        assertTrue(tries >= 2 && tries < 100, "retried within the budget, not up to maxAttempts: " + tries);
    }

    @Test
    void refusesToWaitForARetryAfterBeyondTheBudget() {
        sim.rateLimitNext(5, Duration.ofSeconds(120));
        LinodeApiException e = failure(LinodeApiException.class, () -> client(TOKEN).records(zone));
        assertEquals(429, e.status());
        assertTrue(e.getMessage().contains("retry after 120 s"), e.getMessage());
        assertEquals(1, sim.requests().size(), "no point waiting 120 s with a 20 s budget");
    }

    @Test
    void stopsAfterMaxAttempts() {
        sim.failNext(10, 502);
        LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(30)))
                .build();
        LinodeApiException e = failure(LinodeApiException.class, () -> client.zone(zone.domain()));
        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("gave up after 3 attempt(s)"), e.getMessage());
        assertEquals(3, sim.requests().size());
    }

    @Test
    void explainsAnInvalidToken() {
        LinodeApiException e = failure(LinodeApiException.class, () -> client("tok-nobody-knows-this-one").zone(zone.domain()));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("token invalid or expired"), e.getMessage());
        assertFalse(e.getMessage().contains("tok-nobody-knows-this-one"));
        assertEquals(1, sim.requests().size(), "a 401 is not retried");
    }

    @Test
    void namesTheMissingScope() {
        LinodeApiException dns = failure(LinodeApiException.class, () -> client(FIREWALL_ONLY).zone(zone.domain()));
        assertEquals(403, dns.status());
        assertTrue(dns.getMessage().contains("token lacks domains:read_write"), dns.getMessage());

        LinodeApiException fw = failure(LinodeApiException.class, () -> client(DOMAINS_ONLY).rules(1));
        assertEquals(403, fw.status());
        assertTrue(fw.getMessage().contains("token lacks firewall:read_write"), fw.getMessage());

        LinodeClient readOnly = client(READ_ONLY);
        assertEquals(zone, readOnly.zone(zone.domain()), "a read-only token can still read");
        LinodeApiException write = failure(LinodeApiException.class,
                () -> readOnly.create(zone, DnsRecord.of("A", "x", "198.51.100.9", 30)));
        assertTrue(write.getMessage().contains("token lacks domains:read_write"), write.getMessage());
        assertTrue(sim.records(zone.domain()).isEmpty());
    }

    @Test
    void reportsMissingZonesAndRecords() {
        LinodeClient client = client(TOKEN);
        LinodeApiException byName = failure(LinodeApiException.class, () -> client.zone("nowhere.example.com"));
        assertEquals(404, byName.status());
        assertTrue(byName.getMessage().startsWith("zone not found: nowhere.example.com"), byName.getMessage());

        DnsZone gone = new DnsZone(987654321L, "gone.example.com");
        LinodeApiException byId = failure(LinodeApiException.class, () -> client.records(gone));
        assertTrue(byId.getMessage().startsWith("zone not found: gone.example.com"), byId.getMessage());

        LinodeApiException record = failure(LinodeApiException.class,
                () -> client.update(zone, new DnsRecord(424242, "A", "www", "198.51.100.1", 30)));
        assertEquals(404, record.status());
        assertTrue(record.getMessage().contains("record not found: 424242"), record.getMessage());
    }

    @Test
    void reportsLinodeValidationErrorsWithTheField() {
        LinodeApiException e = failure(LinodeApiException.class,
                () -> client(TOKEN).create(zone, DnsRecord.of("A", "www", "not-an-ip", 30)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("target: Invalid IPv4 address"), e.getMessage());
        assertEquals(1, sim.requests().size(), "a 400 is not retried");
    }

    @Test
    void retriesAnIdempotentRequestThatTimedOutButNotACreate() throws InterruptedException {
        LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN)
                .requestTimeout(Duration.ofMillis(500))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(20)))
                .build();
        sim.delayNext(1, Duration.ofSeconds(3));
        assertEquals(zone, client.zone(zone.domain()));
        // The slow first answer is logged only when the simulator finishes it, after the retry got its answer.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sim.requests().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, sim.requests().stream().filter(r -> r.path().equals("/domains")).count(),
                "the timed-out GET was retried: " + sim.requests());

        sim.delayNext(1, Duration.ofSeconds(3));
        LinodeApiException e = failure(LinodeApiException.class,
                () -> client.create(zone, DnsRecord.of("A", "slow", "198.51.100.3", 30)));
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("not retried"), e.getMessage());
        // Let the simulator finish the slow create (it still applies it, as Linode may) before the next test.
        while (sim.requests().stream().noneMatch(r -> r.method().equals("POST")) && System.nanoTime() < deadline + 30_000_000_000L) {
            Thread.sleep(50);
        }
        assertEquals(1, sim.records(zone.domain()).size(), "the timed-out create was applied server-side once");
    }

    @Test
    void reportsAnUnreachableApi() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LinodeClient client = LinodeClient.builder().apiUrl("http://127.0.0.1:" + port + "/v4").token(TOKEN)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)))
                .build();
        LinodeApiException e = failure(LinodeApiException.class, () -> client.zone("shop.example.com"));
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("cannot reach 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("gave up after 3 attempt(s)"), e.getMessage());
    }

    @Test
    void managesFirewallsRulesAndDevices() {
        LinodeClient client = client(TOKEN);
        long linode = sim.addLinode("db-us-east");
        FirewallRules open = new FirewallRules("DROP",
                List.of(new FirewallRule("mariadb", "ACCEPT", "TCP", "3306", List.of("192.0.2.0/24"), List.of()),
                        new FirewallRule("ping", "ACCEPT", "ICMP", null, List.of("0.0.0.0/0"), List.of("::/0"))),
                "ACCEPT", List.of());
        Firewall fw = client.createFirewall("shopdr-db-us-east", open);
        assertEquals("enabled", fw.status());
        assertEquals(open, fw.rules());
        assertTrue(client.firewalls().stream().anyMatch(f -> f.id() == fw.id()));
        assertEquals(fw, client.firewall(fw.id()));

        FirewallDevice device = client.attachLinode(fw.id(), linode);
        assertEquals(linode, device.entityId());
        assertEquals("linode", device.entityType());
        assertEquals(List.of(device), client.devices(fw.id()));
        assertEquals(List.of(linode), sim.attachedLinodes(fw.id()));

        FirewallRules fenced = new FirewallRules("DROP", List.of(), "ACCEPT", List.of());
        assertEquals(fenced, client.replaceRules(fw.id(), fenced));
        assertEquals(fenced, client.rules(fw.id()));
        assertEquals(fenced, sim.firewallRules(fw.id()).orElseThrow());

        client.detachDevice(fw.id(), device.id());
        assertTrue(client.devices(fw.id()).isEmpty());
        client.deleteFirewall(fw.id());
        LinodeApiException gone = failure(LinodeApiException.class, () -> client.rules(fw.id()));
        assertEquals(404, gone.status());
        assertEquals("firewall not found: " + fw.id(), gone.getMessage());
    }

    @Test
    void rejectsBadFirewallInputBeforeSendingAnything() {
        LinodeClient client = client(TOKEN);
        FirewallRules rules = new FirewallRules("DROP", List.of(), "ACCEPT", List.of());
        IllegalArgumentException label = failure(IllegalArgumentException.class, () -> client.createFirewall("x", rules));
        assertTrue(label.getMessage().contains("firewall label 'x' is invalid"), label.getMessage());

        FirewallRules icmpPorts = new FirewallRules("DROP",
                List.of(new FirewallRule("ping", "ACCEPT", "ICMP", "22", List.of("0.0.0.0/0"), List.of())), "ACCEPT",
                List.of());
        IllegalArgumentException ports = failure(IllegalArgumentException.class, () -> client.replaceRules(1, icmpPorts));
        assertTrue(ports.getMessage().contains("inbound[0].ports"), ports.getMessage());

        FirewallRules badPolicy = new FirewallRules("REJECT", List.of(), "ACCEPT", List.of());
        IllegalArgumentException policy = failure(IllegalArgumentException.class, () -> client.replaceRules(1, badPolicy));
        assertTrue(policy.getMessage().contains("inbound_policy must be ACCEPT or DROP"), policy.getMessage());
        assertTrue(sim.requests().isEmpty());
    }

    @Test
    void keepsTheTokenOutOfToStringAndBadTokenErrors() {
        LinodeClient client = client(TOKEN);
        messages.add(client.toString());
        assertFalse(client.toString().contains(TOKEN));
        IllegalArgumentException blank = failure(IllegalArgumentException.class,
                () -> LinodeClient.builder().token("  ").build());
        assertTrue(blank.getMessage().contains("LINODE_TOKEN"));
        String withNewline = "secret-part-one\nsecret-part-two";
        IllegalArgumentException nl = failure(IllegalArgumentException.class,
                () -> LinodeClient.builder().token(withNewline));
        assertFalse(nl.getMessage().contains("secret-part"), nl.getMessage());
        IllegalArgumentException url = failure(IllegalArgumentException.class,
                () -> LinodeClient.builder().apiUrl("ftp://example.com"));
        assertTrue(url.getMessage().contains("--api-url"), url.getMessage());
        IllegalArgumentException userInfo = failure(IllegalArgumentException.class,
                () -> LinodeClient.builder().apiUrl("https://ops:url-Secret-9@api.linode.com/v4"));
        assertTrue(userInfo.getMessage().contains("--api-url must not carry user:password@"), userInfo.getMessage());
        assertFalse(userInfo.getMessage().contains("url-Secret-9"), userInfo.getMessage());
    }
}
