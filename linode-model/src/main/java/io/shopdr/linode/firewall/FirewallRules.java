package io.shopdr.linode.firewall;

import java.util.List;

/** A firewall's rule set: policies are {@code ACCEPT} or {@code DROP}, rules are evaluated in order. */
public record FirewallRules(String inboundPolicy, List<FirewallRule> inbound,
                            String outboundPolicy, List<FirewallRule> outbound) {

    public FirewallRules {
        inbound = List.copyOf(inbound);
        outbound = List.copyOf(outbound);
    }
}
