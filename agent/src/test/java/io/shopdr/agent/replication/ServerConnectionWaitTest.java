package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A GTID wait lengthens its session's read bound for as long as the wait may take; the session's own bound must be
 * back afterwards, or every later statement on it (a switchover's promotion, re-pointing) waits that long on a
 * server that stopped answering instead of failing after the read timeout. Against a real MariaDB server.
 */
class ServerConnectionWaitTest {
    static SharedReplicationCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @Test
    void aStatementAfterAGtidWaitIsBoundByTheReadTimeoutAgain() {
        ServerConnection.Access access = new ServerConnection.Access(SharedReplicationCluster.ADMIN,
                ConnectionSecurity.plain(), Duration.ofSeconds(2), Duration.ofSeconds(1), List.of());
        try (ServerConnection c = ServerConnection.open(SharedReplicationCluster.endpoint(cluster.node(0)), "server", access)) {
            assertFalse(c.waitForGtid("0-1-999999999", Duration.ofSeconds(2)), "a position the server never executed");
            // a statement that outlasts the 1 s read timeout: the driver must give up on it
            assertThrows(ReplicationException.class, () -> c.string("a slow read", "SELECT SLEEP(3)"));
        }
    }
}
