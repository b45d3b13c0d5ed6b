package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConnectionTest {
    @Test
    void redactsSecretsWithoutManglingShortOnes() {
        assertEquals("Access denied near '****' for ****", ServerConnection.redact(
                "Access denied near 'hunter2!' for hunter2!", List.of("hunter2!")));
        assertEquals("ConnectException near '****'", ServerConnection.redact("ConnectException near 'x'", List.of("x")));
        assertEquals("", ServerConnection.redact(null, List.of("x")));
    }
}
