package io.shopdr.agent.failover;

import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud Firewall fence of an old primary: puts a DROP rule for the database port from everywhere in front of
 * the firewall's inbound rules, so that even a primary that comes back writable cannot be reached by the shop.
 * The rule carries a fixed label, so fencing twice changes nothing and {@link #lift} removes exactly it.
 */
public final class FirewallFence {
    /** Label of the fence rule (Linode: 3–32 chars of letters, digits, {@code -_.}). */
    public static final String LABEL = "shopdr-fence-db";

    private final FirewallProvider firewalls;

    public FirewallFence(FirewallProvider firewalls) {
        this.firewalls = firewalls;
    }

    /** Applies the fence; returns false when it was already in place. */
    public boolean apply(long firewallId, int dbPort) {
        FirewallRules current = firewalls.rules(firewallId);
        if (isFenced(current, dbPort)) return false;
        List<FirewallRule> inbound = new ArrayList<>();
        inbound.add(new FirewallRule(LABEL, "DROP", "TCP", Integer.toString(dbPort), List.of("0.0.0.0/0"), List.of("::/0")));
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
