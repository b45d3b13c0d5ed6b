package io.shopdr.sim.wan;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The inbound half of a Linode Cloud Firewall attached to one host: rules in order, the first match decides, and
 * the inbound policy decides the rest (Linode's {@code inbound_policy}, DROP in every firewall shopdr declares).
 * A dropped connection is not refused: it gets no answer, as a dropped SYN does (the relay resets it after the SYN
 * retry unless a changed firewall admits it by then).
 */
public record InboundFirewall(List<FirewallRule> rules, FirewallRule.Action inboundPolicy) {
    /** No firewall attached: Linode passes everything. */
    public static final InboundFirewall NONE = new InboundFirewall(List.of(), FirewallRule.Action.ACCEPT);

    public InboundFirewall {
        rules = List.copyOf(rules);
        Objects.requireNonNull(inboundPolicy, "inboundPolicy");
    }

    /** Rules with the DROP policy. */
    public static InboundFirewall dropByDefault(List<FirewallRule> rules) {
        return new InboundFirewall(rules, FirewallRule.Action.DROP);
    }

    /** Whether a TCP connection from {@code source} to {@code port} gets through. */
    public boolean admitsTcp(InetAddress source, int port) {
        return rules.stream().filter(r -> r.matchesTcp(source, port)).findFirst()
                .map(FirewallRule::action).orElse(inboundPolicy) == FirewallRule.Action.ACCEPT;
    }
}
