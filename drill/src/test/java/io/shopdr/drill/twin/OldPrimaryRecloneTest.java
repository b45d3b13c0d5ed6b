package io.shopdr.drill.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.DivergedException;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.FailoverReport;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.Topology;
import io.shopdr.agent.storefront.Storefront;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drill's restore path when the failover lost orders: the old primary comes back holding exactly the lost
 * transactions, rejoin refuses with that count, the re-clone makes it an exact copy of the new primary at a GTID
 * position, and rejoin then succeeds with new writes flowing to it.
 */
class OldPrimaryRecloneTest {
    private static MariaDbCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = MariaDbCluster.start(2, List.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void divergedOldPrimaryIsReclonedAndRejoins() throws Exception {
        MariaDbCluster.Node a = cluster.node(0);
        MariaDbCluster.Node b = cluster.node(1);
        Endpoint epA = new Endpoint(a.host(), a.port());
        Endpoint epB = new Endpoint(b.host(), b.port());
        Credentials admin = new Credentials(MariaDbCluster.ADMIN_USER, MariaDbCluster.ADMIN_PASSWORD);
        Credentials repl = new Credentials("shopdr_repl", "repl-pw");
        new ReplicationEngine(new Topology(epA, List.of(epB), admin, repl)).configure(ConfigureOptions.defaults());
        // as production's bootstrap SQL creates it (DatabaseCloudInit): utf8mb4, not the server's default character set
        a.execute("CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        a.execute(Storefront.schemaStatements("app-pw"));
        for (int i = 0; i < 5; i++) a.execute("INSERT INTO shop.orders (id, region, amount_cents) VALUES ('ok-" + i + "', 'a', 1)");
        new ReplicationEngine(new Topology(epA, List.of(epB), admin, repl)).configure(ConfigureOptions.defaults());

        // three orders commit on A but never reach B (its receiver is stopped), then A dies
        b.execute("STOP SLAVE IO_THREAD");
        for (int i = 0; i < 3; i++) a.execute("INSERT INTO shop.orders (id, region, amount_cents) VALUES ('lost-" + i + "', 'a', 1)");
        String lastSeen = a.queryString("SELECT @@gtid_current_pos");
        a.kill();
        FailoverReport failover = new ReplicationEngine(new Topology(epA, List.of(epB), admin, repl))
                .failover(Optional.of(lastSeen));
        assertEquals(3L, failover.rpoTransactions());
        b.execute("INSERT INTO shop.orders (id, region, amount_cents) VALUES ('after-failover', 'b', 1)");

        a.restart();
        ReplicationEngine fromB = new ReplicationEngine(new Topology(epB, List.of(epA), admin, repl));
        DivergedException refused = assertThrows(DivergedException.class, () -> fromB.rejoin(epA));
        assertEquals(3L, refused.errant().count(), "errant transactions = the orders the failover lost");

        try (var source = b.connect(); var target = a.connect()) {
            OldPrimaryReclone.reclone(source, target, Storefront.SCHEMA);
        }
        assertTrue(fromB.rejoin(epA).caughtUp());
        b.execute("INSERT INTO shop.orders (id, region, amount_cents) VALUES ('after-rejoin', 'b', 1)");
        String gtid = b.queryString("SELECT @@gtid_current_pos");
        assertEquals("0", a.queryString("SELECT MASTER_GTID_WAIT('" + gtid + "', 30)"));
        assertEquals(b.queryString("SELECT GROUP_CONCAT(id ORDER BY id) FROM shop.orders"),
                a.queryString("SELECT GROUP_CONCAT(id ORDER BY id) FROM shop.orders"));
        assertEquals("0", a.queryString("SELECT COUNT(*) FROM shop.orders WHERE id LIKE 'lost-%'"));
        assertEquals("1", a.queryString("SELECT @@read_only"));
        assertEquals(b.queryString("SELECT GROUP_CONCAT(CHARACTER_SET_NAME ORDER BY COLUMN_NAME) FROM information_schema.columns"
                        + " WHERE table_schema = 'shop' AND table_name = 'orders'"),
                a.queryString("SELECT GROUP_CONCAT(CHARACTER_SET_NAME ORDER BY COLUMN_NAME) FROM information_schema.columns"
                        + " WHERE table_schema = 'shop' AND table_name = 'orders'"), "the re-clone keeps the source's character sets");
    }
}
