package io.shopdr.agent.failover;

import static io.shopdr.agent.failover.ControllerFixture.IPV4;
import static io.shopdr.agent.failover.ControllerFixture.IPV6;
import static io.shopdr.agent.failover.ControllerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.health.TargetState;
import io.shopdr.agent.mariadb.MariaDbCluster;
import io.shopdr.agent.replication.SharedReplicationCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller end to end: three regions on real MariaDB servers (one shared cluster, reset per scenario),
 * in-process ingresses, the Linode API simulator through the real client, a controller per region plus a witness.
 */
class FailoverControllerScenarioTest {
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
    void tearDown() {
        f.close();
    }

    private void awaitAllUp() throws InterruptedException {
        await(WAIT, () -> f.controllers.values().stream().allMatch(c -> c.lastRound() != null
                        && c.localView().values().stream().allMatch(s -> s == TargetState.UP)
                        && ControllerFixture.REGIONS.stream().allMatch(r -> c.verdict(r).up())),
                () -> "every observer sees every region up" + f.describe());
    }

    @Test
    void primaryDiesAndTheStandbyFailsOverFencesAndSwitchesDns() throws Exception {
        f.startControllers();
        awaitAllUp();
        MariaDbCluster.Node primary = f.node("us-east");
        primary.execute("INSERT INTO shop.orders VALUES (1, 'before the outage', 10), (2, 'b', 20)");
        String pos = primary.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        for (String r : List.of("eu-west", "ap-south")) {
            assertEquals("0", f.node(r).queryString("SELECT MASTER_GTID_WAIT('" + pos + "', 30)"));
        }
        FailoverController west = f.controller("eu-west");
        await(WAIT, () -> pos.equals(west.lastSeenPrimaryGtid()), () -> "eu-west polled the primary's position, has " + west.lastSeenPrimaryGtid());
        assertEquals(ControllerState.PRIMARY_HEALTHY, west.state());

        f.killRegion("us-east");

        await(WAIT, () -> west.state() == ControllerState.FAILED_OVER, () -> "eu-west fails over" + f.describe());
        Incident incident = west.incidents().stream().filter(i -> i.kind() == Incident.Kind.FAILOVER).findFirst().orElseThrow();
        assertEquals(Incident.Outcome.COMPLETED, incident.outcome(), incident.toJson());
        assertEquals("us-east", incident.fromRegion());
        String promoted = incident.toRegion();
        assertTrue(promoted.equals("eu-west") || promoted.equals("ap-south"), promoted);
        assertEquals(0L, incident.lostTransactions().orElse(-1), incident.toJson());
        assertEquals(pos, incident.lastSeenPrimaryGtid());
        List<String> steps = incident.timeline().stream().map(TimelineEntry::event).toList();
        int quorum = index(steps, "quorum declared us-east down");
        int sqlFence = index(steps, "SQL fence");
        int fw = index(steps, "firewall fence: firewall " + f.firewalls.get("us-east"));
        int promote = index(steps, "promoted " + promoted);
        int dns = index(steps, "DNS switched to " + promoted);
        assertTrue(quorum < sqlFence && sqlFence < fw && fw < promote && promote < dns, steps.toString());
        assertTrue(steps.get(sqlFence).contains("not reachable"), "the dead primary cannot be SQL-fenced: " + steps.get(sqlFence));

        // DNS: both names point at the promoted region's ingress; AAAA follows (or is removed when it has no IPv6)
        for (String name : List.of("", "www")) {
            assertEquals(List.of(IPV4.get(promoted)), f.targets("A", name));
            assertEquals(IPV6.containsKey(promoted) ? List.of(IPV6.get(promoted)) : List.of(), f.targets("AAAA", name));
        }
        // the old primary's database firewall drops the DB port, the other rules are kept behind the fence
        var rules = f.firewallRules("us-east");
        assertTrue(FirewallFence.isFenced(rules, f.config.region("us-east").databasePort()), rules.toString());
        assertEquals("mysql-from-regions", rules.inbound().get(1).label());
        assertFalse(FirewallFence.isFenced(f.firewallRules(promoted), f.config.region(promoted).databasePort()));
        // the promoted database is writable and has every row; the other standby replicates from it
        MariaDbCluster.Node np = f.node(promoted);
        assertEquals("0", np.queryString("SELECT @@GLOBAL.read_only"));
        assertEquals("2", np.queryString("SELECT COUNT(*) FROM shop.orders"));
        np.execute("INSERT INTO shop.orders VALUES (3, 'after failover', 30)");
        String other = promoted.equals("eu-west") ? "ap-south" : "eu-west";
        String newPos = np.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        assertEquals("0", f.node(other).queryString("SELECT MASTER_GTID_WAIT('" + newPos + "', 30)"));
        assertEquals("3", f.node(other).queryString("SELECT COUNT(*) FROM shop.orders"));
        // every surviving observer learns the new primary from DNS
        for (String n : List.of("ap-south", "witness")) {
            FailoverController c = f.controller(n);
            await(WAIT, () -> c.primaryRegion().equals(promoted) && c.state() == ControllerState.FAILED_OVER,
                    () -> n + " follows the switch" + f.describe());
        }
        assertEquals(1, f.controllers.values().stream().mapToLong(FailoverController::failoversTotal).sum(),
                "exactly one controller acted");
    }

    private static int index(List<String> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) if (steps.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no step starting with '" + prefix + "' in " + steps);
    }
}
