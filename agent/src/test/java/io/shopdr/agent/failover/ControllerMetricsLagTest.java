package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopdr.agent.replication.SharedReplicationCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code shopdr_replication_lag_seconds} of a region controller against real MariaDB replicas: set by the control
 * loop's rounds, scraped over HTTP, and absent (not -1, not NaN) while a replica's lag is unknown.
 */
class ControllerMetricsLagTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    static SharedReplicationCluster cluster;
    private ControllerFixture f;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new ControllerFixture(cluster);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
        f.node("eu-west").execute("START SLAVE SQL_THREAD");
    }

    private static boolean scrapeHas(ControllerMetricsServer server, String series) {
        try {
            return Exposition.scrape(server.port()).has(series);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lagOfEveryStandbyFromTheLoopAndAbsentWhileUnknown() throws Exception {
        FailoverController c = f.startController("us-east", f.client);
        String euWest = "shopdr_replication_lag_seconds{observer=\"us-east\",region=\"eu-west\"}";
        String apSouth = "shopdr_replication_lag_seconds{observer=\"us-east\",region=\"ap-south\"}";
        try (ControllerMetricsServer server = new ControllerMetricsServer(c, new EngineRegionDatabases(f.config,
                SharedReplicationCluster.ADMIN, SharedReplicationCluster.REPL), 0)) {
            ControllerFixture.await(WAIT, () -> scrapeHas(server, euWest) && scrapeHas(server, apSouth),
                    () -> "no lag series" + f.describe());
            Exposition m = Exposition.scrape(server.port());
            assertEquals(0, m.value(euWest), "an idle replica is caught up");
            assertEquals(0, m.value(apSouth));
            assertEquals("gauge", m.types().get("shopdr_replication_lag_seconds"));

            f.node("eu-west").execute("STOP SLAVE SQL_THREAD"); // Seconds_Behind_Master becomes NULL: unknown
            ControllerFixture.await(WAIT, () -> !scrapeHas(server, euWest), () -> "eu-west's unknown lag is still exposed");
            assertEquals(0, Exposition.scrape(server.port()).value(apSouth), "the other standby keeps its series");
        }
    }
}
