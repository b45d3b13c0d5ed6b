package io.shopdr.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VoteTest {
    @Test
    void roundTripsAsSmallJson() {
        Vote v = Vote.of("eu-west", "us-east", TargetState.DOWN, Instant.parse("2026-11-26T10:00:00Z"), 7,
                Instant.parse("2026-11-26T10:00:05Z"));
        String json = v.toJson();
        assertTrue(json.contains("\"observer\":\"eu-west\""), json);
        assertTrue(json.contains("\"state\":\"down\""), json);
        assertTrue(json.contains("\"sequence\":7"), json);
        assertTrue(json.length() < 200, "TXT values must stay small: " + json.length());
        assertEquals(v, Vote.parse(json));
        assertEquals("_shopdr-vote-eu-west", v.recordName());
    }

    @Test
    void parsesQuotedTxtValues() {
        Vote v = Vote.of("witness", "us-east", TargetState.UP, Instant.EPOCH, 1, Instant.EPOCH);
        assertEquals(v, Vote.parse("\"" + v.toJson().replace("\"", "\\\"") + "\""));
    }

    @Test
    void rejectsForeignRecordsWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vote.parse("v=spf1 -all"));
        assertTrue(e.getMessage().startsWith("not a shopdr vote"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Vote.parse("{\"observer\":\"a\",\"target\":\"b\",\"state\":\"sideways\",\"since\":\"2026-11-26T10:00:00Z\",\"sequence\":1,\"at\":\"2026-11-26T10:00:00Z\"}"));
        assertTrue(e.getMessage().contains("sideways"), e.getMessage());
    }
}
