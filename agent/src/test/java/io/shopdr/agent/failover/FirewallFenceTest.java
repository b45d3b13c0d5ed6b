package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fence of an old primary cuts its own region's application nodes off the database port and nothing else: the
 * other regions' nodes (controllers, hook Job, failback runner) and databases (replication) stay admitted. Rules as
 * ReplicatedDatabase declares them (labelled per region), held by the Linode API simulator.
 */
class FirewallFenceTest {
    private static final String TOKEN = "fence-token";
    private static final FirewallRule DB_WEST = accept("db-eu-west", List.of("198.51.100.20/32"), List.of());
    private static final FirewallRule NODES_EAST = accept("nodes-us-east",
            List.of("203.0.113.1/32", "192.168.130.1/32", "203.0.113.2/32"), List.of("2001:db8:e::1/128"));
    private static final FirewallRule NODES_WEST = accept("nodes-eu-west", List.of("203.0.113.11/32", "192.168.140.1/32"), List.of());
    private static final FirewallRule ADMIN = accept("db-admin", List.of("198.51.100.0/28"), List.of());

    private LinodeApiSimulator sim;
    private LinodeClient linode;
    private FirewallFence fence;

    @BeforeEach
    void start() {
        sim = LinodeApiSimulator.start().addToken(TOKEN, "firewall:read_write");
        linode = LinodeClient.builder().apiUrl(sim.apiUrl()).token(TOKEN).build();
        fence = new FirewallFence(linode);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static FirewallRule accept(String label, List<String> v4, List<String> v6) {
        return new FirewallRule(label, "ACCEPT", "TCP", "3306", v4, v6);
    }

    private long firewall(FirewallRule... inbound) {
        return linode.createFirewall("shopdr-prod-db-us-east", new FirewallRules("DROP", List.of(inbound), "ACCEPT", List.of())).id();
    }

    private List<FirewallRule> inbound(long id) {
        return sim.firewallRules(id).orElseThrow().inbound();
    }

    @Test
    void dropsExactlyTheFencedRegionsNodesAndKeepsPeersAdmitted() {
        long id = firewall(DB_WEST, NODES_EAST, NODES_WEST, ADMIN);

        assertTrue(fence.apply(id, 3306, "us-east"));

        List<FirewallRule> rules = inbound(id);
        assertEquals(new FirewallRule(FirewallFence.LABEL, "DROP", "TCP", "3306", NODES_EAST.ipv4(), NODES_EAST.ipv6()),
                rules.get(0), "the first rule drops the old primary's own nodes, IPv4 and IPv6");
        assertEquals(List.of(DB_WEST, NODES_EAST, NODES_WEST, ADMIN), rules.subList(1, rules.size()),
                "the declared rules stay as they were behind the fence");
        FirewallRule drop = rules.get(0);
        for (String peer : List.of("198.51.100.20/32", "203.0.113.11/32", "192.168.140.1/32", "198.51.100.0/28")) {
            assertFalse(drop.ipv4().contains(peer), peer + " (another region's node or database, or the admin) stays admitted");
        }
        assertTrue(FirewallFence.isFenced(linode.rules(id), 3306));
    }

    @Test
    void fencingTwiceChangesNothingAndLiftRestoresTheDeclaredRules() {
        long id = firewall(DB_WEST, NODES_EAST, NODES_WEST, ADMIN);
        assertTrue(fence.apply(id, 3306, "us-east"));
        List<FirewallRule> fenced = inbound(id);

        assertFalse(fence.apply(id, 3306, "us-east"), "already fenced");
        assertEquals(fenced, inbound(id));

        assertTrue(fence.lift(id));
        assertEquals(List.of(DB_WEST, NODES_EAST, NODES_WEST, ADMIN), inbound(id));
        assertFalse(FirewallFence.isFenced(linode.rules(id), 3306));
        assertFalse(fence.lift(id), "nothing left to lift");
    }

    @Test
    void aFirewallWithoutTheRegionsNodesRuleIsFencedFromEverywhere() {
        FirewallRule legacyClients = accept("db-clients", List.of("203.0.113.1/32", "203.0.113.11/32"), List.of());
        long id = firewall(accept("db-replication", List.of("198.51.100.20/32"), List.of()), legacyClients);

        assertTrue(fence.apply(id, 3306, "us-east"));

        assertEquals(new FirewallRule(FirewallFence.LABEL, "DROP", "TCP", "3306", List.of("0.0.0.0/0"), List.of("::/0")),
                inbound(id).get(0), "a fence that cuts too much is safe, one that cuts nothing is not");
    }
}
