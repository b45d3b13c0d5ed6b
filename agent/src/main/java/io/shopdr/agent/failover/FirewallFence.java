package io.shopdr.agent.failover;

import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud Firewall fence of an old primary: puts a DROP rule for the database port in front of the firewall's
 * inbound rules (Linode applies the first rule that matches), so that even a primary that comes back writable cannot
 * be reached by the shop. It drops exactly the addresses of the fenced region's own application nodes — the
 * {@code nodes-<region>} rule the database firewall is declared with (components {@code ReplicatedDatabase}) — the only
 * clients that write to that region's database; the other regions' nodes (their controllers, the hook Job, the
 * operator's failback runner) and databases (replication back from the new primary) stay admitted, so failback can
 * switch over to the fenced database. A firewall without that rule (declared before the rules were labelled per
 * region, or edited by hand) is fenced from everywhere: a fence that cuts too much is safe, one that cuts nothing
 * is not. The rule carries a fixed label, so fencing twice changes nothing and {@link #lift} removes exactly it,
 * leaving the declared rules as they were.
 */
public final class FirewallFence {
    /** Label of the fence rule (Linode: 3–32 chars of letters, digits, {@code -_.}). */
    public static final String LABEL = "shopdr-fence-db";

    private final FirewallProvider firewalls;

    public FirewallFence(FirewallProvider firewalls) {
        this.firewalls = firewalls;
    }

    /** Label of the declared rule admitting {@code region}'s LKE nodes on the database port. */
    public static String nodesRuleLabel(String region) {
        return "nodes-" + region;
    }

    /**
     * Fences the database of {@code region} behind firewall {@code firewallId}: drops the port from that region's
     * nodes (from everywhere when the firewall has no {@code nodes-<region>} rule); false when already fenced.
     */
    public boolean apply(long firewallId, int dbPort, String region) {
        FirewallRules current = firewalls.rules(firewallId);
        if (isFenced(current, dbPort)) return false;
        List<FirewallRule> inbound = new ArrayList<>();
        inbound.add(current.inbound().stream()
                .filter(r -> nodesRuleLabel(region).equals(r.label()))
                .findFirst()
                .map(nodes -> new FirewallRule(LABEL, "DROP", "TCP", Integer.toString(dbPort), nodes.ipv4(), nodes.ipv6()))
                .orElseGet(() -> new FirewallRule(LABEL, "DROP", "TCP", Integer.toString(dbPort),
                        List.of("0.0.0.0/0"), List.of("::/0"))));
        for (FirewallRule r : current.inbound()) if (!LABEL.equals(r.label())) inbound.add(r);
        firewalls.replaceRules(firewallId, new FirewallRules(current.inboundPolicy(), inbound,
                current.outboundPolicy(), current.outbound()));
        return true;
    }

    /** Removes the fence (before a failback makes the database a replica again); false when there was none. */
    public boolean lift(long firewallId) {
        FirewallRules current = firewalls.rules(firewallId);
        List<FirewallRule> inbound = current.inbound().stream().filter(r -> !LABEL.equals(r.label())).toList();
        if (inbound.size() == current.inbound().size()) return false;
        firewalls.replaceRules(firewallId, new FirewallRules(current.inboundPolicy(), inbound,
                current.outboundPolicy(), current.outbound()));
        return true;
    }

    public static boolean isFenced(FirewallRules rules, int dbPort) {
        return !rules.inbound().isEmpty() && LABEL.equals(rules.inbound().get(0).label())
                && "DROP".equals(rules.inbound().get(0).action())
                && Integer.toString(dbPort).equals(rules.inbound().get(0).ports());
    }
}
