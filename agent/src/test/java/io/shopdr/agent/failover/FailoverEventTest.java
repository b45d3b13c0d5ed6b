package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.linode.dns.DnsRecord;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The shared event record: outcome fields round-trip, unknown RPO stays unknown, claims stay small, a promotion awaiting
 * its DNS switch reads as one.
 */
class FailoverEventTest {
    private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void completedFailoverRoundTripsThroughTheTxtRecord() {
        FailoverEvent e = FailoverEvent.failoverDone("us-east", "eu-west", "eu-west", OptionalLong.of(3),
                T, T.plusSeconds(2), T.plusSeconds(3));
        FailoverEvent read = FailoverEvent.in(List.of(DnsRecord.of("TXT", FailoverEvent.RECORD_NAME, "\"" + e.toJson().replace("\"", "\\\"") + "\"", 30)));
        assertEquals(e, read);
        assertEquals(3L, read.rpo().getAsLong());
        assertEquals(T.plusSeconds(2), read.promotedInstant());
        assertEquals(T.plusSeconds(3), read.dnsSwitchedInstant());
        assertEquals(T, read.detectedInstant());
    }

    @Test
    void aCompletedFailoverBetweenLongRegionNamesFitsOneTxtString() {
        Instant nanos = Instant.parse("2026-11-26T12:19:12.166012057Z");
        FailoverEvent e = FailoverEvent.failoverDone("ap-southeast", "us-southeast", "us-southeast",
                OptionalLong.of(123456), nanos, nanos, nanos);
        assertTrue(e.toJson().length() <= 255, e.toJson().length() + " characters: " + e.toJson());
        assertEquals("2026-11-26T12:19:12.166Z", e.promotedAt());
    }

    @Test
    void aPromotionAwaitingItsDnsSwitchRoundTripsAsAStartedFailoverWithinOneTxtString() {
        Instant nanos = Instant.parse("2026-11-26T12:19:12.166012057Z");
        FailoverEvent e = FailoverEvent.promoted("ap-southeast", "us-southeast", "us-southeast", OptionalLong.of(123456),
                nanos, nanos.plusSeconds(2)).withEpoch(123456);
        assertTrue(e.toJson().length() <= 255, e.toJson().length() + " characters: " + e.toJson());
        FailoverEvent read = FailoverEvent.in(List.of(DnsRecord.of("TXT", FailoverEvent.RECORD_NAME, e.toJson(), 30)));
        assertEquals(e, read);
        assertTrue(read.promotedAwaitingDns());
        assertEquals(FailoverEvent.STARTED, read.phase(), "still the claim every step's epoch check reads");
        assertEquals(Instant.parse("2026-11-26T12:19:14.166Z"), read.promotedInstant());
        assertEquals(123456L, read.rpo().getAsLong());
        assertFalse(FailoverEvent.of(FailoverEvent.FAILOVER, FailoverEvent.STARTED, "us-east", null, T, "eu-west").promotedAwaitingDns(),
                "a claim has promoted nothing yet");
        assertFalse(FailoverEvent.of(FailoverEvent.FAILBACK, FailoverEvent.STARTED, "eu-west", "us-east", T, "operator")
                .promotedAwaitingDns(), "a failback names its target before it starts");
    }

    @Test
    void unknownRpoIsLeftOutAndReadsAsUnknown() {
        FailoverEvent e = FailoverEvent.failoverDone("us-east", "eu-west", "eu-west", OptionalLong.empty(), T, T, T);
        assertFalse(e.toJson().contains("rpo"), e.toJson());
        assertTrue(FailoverEvent.in(List.of(DnsRecord.of("TXT", FailoverEvent.RECORD_NAME, e.toJson(), 30))).rpo().isEmpty());
    }

    @Test
    void claimsCarryNoOutcomeFieldsAndBadTimestampsAreUnreadable() {
        String claim = FailoverEvent.of(FailoverEvent.FAILOVER, FailoverEvent.STARTED, "us-east", null, T, "eu-west").toJson();
        assertEquals("{\"kind\":\"failover\",\"phase\":\"started\",\"from\":\"us-east\",\"at\":\"2026-11-26T12:00:00Z\",\"by\":\"eu-west\"}", claim);
        assertNull(FailoverEvent.in(List.of(DnsRecord.of("TXT", FailoverEvent.RECORD_NAME,
                "{\"kind\":\"failover\",\"phase\":\"done\",\"at\":\"2026-11-26T12:00:00Z\",\"promoted\":\"yesterday\"}", 30))));
    }
}
