package io.shopdr.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DnsRecordSwitch: names, address families, idempotence, AAAA, against the simulator through the real client. */
class DnsRecordSwitchTest {

    private static final DnsZone ZONE = new DnsZone(1, "shop.example.com");

    @Test
    void normalisesNames() {
        assertEquals("", DnsRecordSwitch.relativeName(ZONE, "@"));
        assertEquals("", DnsRecordSwitch.relativeName(ZONE, ""));
        assertEquals("", DnsRecordSwitch.relativeName(ZONE, "Shop.Example.com."));
        assertEquals("www", DnsRecordSwitch.relativeName(ZONE, "www.shop.example.com"));
        assertEquals("www", DnsRecordSwitch.relativeName(ZONE, "WWW"));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> DnsRecordSwitch.relativeName(ZONE, "www.other.example."));
        assertTrue(outside.getMessage().contains("not inside zone shop.example.com"), outside.getMessage());
    }

    @Test
    void picksTheRecordTypeFromTheTarget() {
        assertEquals("A", DnsRecordSwitch.addressType("198.51.100.2"));
        assertEquals("AAAA", DnsRecordSwitch.addressType("2001:db8::2"));
        for (String bad : List.of("999.1.1.1", "shop.example.com", "", "1.2.3", "::g")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DnsRecordSwitch.addressType(bad));
            assertTrue(e.getMessage().startsWith("--target '" + bad + "' is not an IP address"), e.getMessage());
        }
    }

    @Test
    void switchesAaaaRecordsAndIsIdempotent() {
        try (LinodeApiSimulator sim = LinodeApiSimulator.start().addToken("t-switch", "domains:read_write")) {
            DnsZone zone = sim.addZone("v6.example.com");
            sim.addRecord(zone, DnsRecord.of("AAAA", "", "2001:db8::1", 30));
            sim.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
            DnsRecordSwitch sw = new DnsRecordSwitch(LinodeClient.builder().apiUrl(sim.apiUrl()).token("t-switch").build());
            DnsRecordSwitch.Result r = sw.switchTo(zone, "@", "2001:db8::2", 30);
            assertTrue(r.changed());
            assertEquals("AAAA", r.type());
            assertEquals("2001:db8::2", r.after().target());
            assertEquals(1, r.otherFamily().size());
            assertFalse(r.ttlDiffers());
            DnsRecordSwitch.Result again = sw.switchTo(zone, "@", "2001:db8::2", 30);
            assertFalse(again.changed());
            assertEquals("198.51.100.1", sim.records("v6.example.com").stream()
                    .filter(x -> x.type().equals("A")).findFirst().orElseThrow().target(), "A left alone");
        }
    }

    @Test
    void completesThroughARateLimitStormWithinTheBudget() {
        try (LinodeApiSimulator sim = LinodeApiSimulator.start().addToken("t-storm", "domains:read_write")) {
            DnsZone zone = sim.addZone("storm.example.com");
            sim.addRecord(zone, DnsRecord.of("A", "", "198.51.100.1", 30));
            // One request per 2 s window: every call after the first meets 429 + Retry-After and must wait it out.
            sim.rateLimit(1, java.time.Duration.ofSeconds(2));
            LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token("t-storm")
                    .retryPolicy(io.shopdr.agent.linode.RetryPolicy.defaults().withBudget(java.time.Duration.ofSeconds(30)))
                    .build();
            DnsRecordSwitch.Result r = new DnsRecordSwitch(client).switchTo(client.zone("storm.example.com"), "@",
                    "198.51.100.2", 30);
            assertEquals("198.51.100.2", r.after().target());
            assertEquals("198.51.100.2", sim.records("storm.example.com").get(0).target());
            List<Integer> statuses = sim.requests().stream().map(x -> x.status()).toList();
            assertTrue(statuses.contains(429), "the storm happened: " + statuses);
            assertEquals(3, statuses.stream().filter(st -> st == 200).count(), "zone, records, update: " + statuses);
        }
    }
}
