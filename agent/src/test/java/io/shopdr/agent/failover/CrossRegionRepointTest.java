package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.shopdr.sim.mariadb.MariaDbCluster;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.SharedReplicationCluster;
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
        ControllerConfig config = b.build();
        // the acting controller is eu-west's: it reaches its own database privately, the others publicly
        EngineRegionDatabases westController = new EngineRegionDatabases(config, "eu-west",
                SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL);

        cluster.node(0).kill();
        Promotion p = westController.failover("us-east", Optional.empty());
        String promoted = p.newPrimary();
        String other = promoted.equals("eu-west") ? "ap-south" : "eu-west";
        MariaDbCluster.Node standby = cluster.node(REGIONS.indexOf(other));
        Map<String, String> row = standby.query("SHOW SLAVE STATUS").get(0);
        int publicPort = forwarders.get(REGIONS.indexOf(promoted)).port();
        assertEquals(String.valueOf(publicPort), row.get("Master_Port"), p.detail() + " " + row);
        assertNotEquals(String.valueOf(cluster.node(REGIONS.indexOf(promoted)).port()), row.get("Master_Port"));

        MariaDbCluster.Node np = cluster.node(REGIONS.indexOf(promoted));
        np.execute("INSERT INTO shop.orders VALUES (1, 'after the failover', 1)");
        String pos = np.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", standby.queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"), "replicates through the public address");
        assertEquals("1", standby.queryString("SELECT COUNT(*) FROM shop.orders"));
    }
}
