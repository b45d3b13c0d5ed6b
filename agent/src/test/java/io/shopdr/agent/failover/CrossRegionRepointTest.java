package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.sim.mariadb.MariaDbCluster;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.SharedReplicationCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 defect 5 on three real MariaDB servers: each database has a private address (what its own region's
 * controller uses) and a public one (a forwarder on its own port, standing in for the address the other regions'
 * firewalls admit). After the primary's region is lost, the remaining standby is re-pointed at the new primary's
 * public address — not at the private address the acting controller itself used, which in production is an IP in
 * another data centre (the old code re-pointed at {@code regions[].database}, the acting region's private IP).
 */
class CrossRegionRepointTest {
    private static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    private final List<TcpForwarder> forwarders = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (TcpForwarder f : forwarders) f.close();
    }

    @Test
    void theRemainingStandbyReplicatesFromTheNewPrimarysPublicAddress() throws Exception {
        EngineRegionDatabases westController = threeRegions();
        SharedReplicationCluster cluster = SharedReplicationCluster.get();
        cluster.node(0).kill();
        Promotion p = westController.failover("us-east", Optional.empty());
        String promoted = p.newPrimary();
        String other = promoted.equals("eu-west") ? "ap-south" : "eu-west";
        assertReplicatesThroughThePublicAddress(promoted, other, 1, p.detail());
    }

    /**
     * A controller that died inside the promotion, before re-pointing the other standby, leaves it stopped and pointed
     * at the dead primary; its successor's {@link EngineRegionDatabases#repointStandbys} makes it a replica of the
     * promoted region again (through that region's public address), and a second call changes nothing.
     */
    @Test
    void aStandbyLeftBehindByAnInterruptedPromotionIsRepointed() throws Exception {
        EngineRegionDatabases westController = threeRegions();
        SharedReplicationCluster cluster = SharedReplicationCluster.get();
        cluster.node(0).kill();
        String promoted = westController.failover("us-east", Optional.empty()).newPrimary();
        String other = promoted.equals("eu-west") ? "ap-south" : "eu-west";
        MariaDbCluster.Node standby = cluster.node(REGIONS.indexOf(other));
        standby.execute("STOP SLAVE");
        standby.execute("CHANGE MASTER TO MASTER_HOST='" + cluster.node(0).host() + "', MASTER_PORT=" + cluster.node(0).port());

        List<String> done = westController.repointStandbys(promoted, "us-east", Duration.ofSeconds(10));
        assertEquals(1, done.size(), done.toString());
        assertTrue(done.get(0).startsWith(other + ": ") && done.get(0).contains("replicating from"), done.toString());
        assertReplicatesThroughThePublicAddress(promoted, other, 2, done.toString());
        assertEquals(List.of(other + ": already replicating from " + promoted), westController.repointStandbys(promoted,
                "us-east", Duration.ofSeconds(10)));
    }

    /** Three regions on the shared cluster, replicating from us-east; returns eu-west's controller's databases. */
    private EngineRegionDatabases threeRegions() throws Exception {
        SharedReplicationCluster cluster = SharedReplicationCluster.get();
        cluster.reset();
        SharedReplicationCluster.createShop(cluster.node(0));
        new ReplicationEngine(cluster.topology()).configure(ConfigureOptions.defaults());
        ControllerConfig.Builder b = ControllerConfig.builder().domain("shop.example.com").witness("witness");
        for (int i = 0; i < 3; i++) {
            MariaDbCluster.Node n = cluster.node(i);
            TcpForwarder publicAddress = new TcpForwarder(n.port());
            forwarders.add(publicAddress);
            b.region(new RegionConfig(REGIONS.get(i), "198.51.100." + (i + 1), null, null, n.host() + ":" + n.port(), 0,
                    "127.0.0.1:" + publicAddress.port()));
        }
        // the acting controller is eu-west's: it reaches its own database privately, the others publicly
        return new EngineRegionDatabases(b.build(), "eu-west", SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL);
    }

    /** {@code standby} replicates from {@code promoted}'s public address: order {@code id} written there reaches it. */
    private void assertReplicatesThroughThePublicAddress(String promoted, String standbyRegion, int id, String detail)
            throws Exception {
        SharedReplicationCluster cluster = SharedReplicationCluster.get();
        MariaDbCluster.Node standby = cluster.node(REGIONS.indexOf(standbyRegion));
        Map<String, String> row = standby.query("SHOW SLAVE STATUS").get(0);
        int publicPort = forwarders.get(REGIONS.indexOf(promoted)).port();
        assertEquals(String.valueOf(publicPort), row.get("Master_Port"), detail + " " + row);
        assertNotEquals(String.valueOf(cluster.node(REGIONS.indexOf(promoted)).port()), row.get("Master_Port"));

        MariaDbCluster.Node np = cluster.node(REGIONS.indexOf(promoted));
        np.execute("INSERT INTO shop.orders VALUES (" + id + ", 'after the failover', 1)");
        String pos = np.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", standby.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"), "replicates through the public address");
        assertEquals("1", standby.queryString("SELECT COUNT(*) FROM shop.orders WHERE id = " + id));
    }
}
