package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message redaction and the secret-free descriptions of what a connection carries. */
class ServerConnectionTest {
    @Test
    void redactsSecretsWithoutManglingShortOnes() {
        assertEquals("Access denied near '****' for ****", ServerConnection.redact(
                "Access denied near 'hunter2!' for hunter2!", List.of("hunter2!")));
        assertEquals("ConnectException near '****'", ServerConnection.redact("ConnectException near 'x'", List.of("x")));
        assertEquals("", ServerConnection.redact(null, List.of("x")));
    }

    @Test
    void accessAndSourceConfigNeverShowPasswords() {
        String access = new ServerConnection.Access(new Credentials("admin", "admin-Secret-1"), ConnectionSecurity.plain(),
                Duration.ofSeconds(5), List.of("admin-Secret-1", "repl-Secret-2")).toString();
        assertTrue(access.contains("admin"), access);
        assertFalse(access.contains("Secret-"), access);
        String source = new SourceConfig("db.example", 3306, "repl", "repl-Secret-2", 5, 10, "/etc/mysql/ca.pem", true)
                .toString();
        assertTrue(source.contains("repl@db.example:3306") && source.contains("/etc/mysql/ca.pem"), source);
        assertFalse(source.contains("Secret-"), source);
    }
}
