package io.shopdr.drill.twin;

import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.util.List;

/**
 * A Linode Cloud Firewall's inbound side as the program declares it ({@code linode:index/firewall:Firewall}), or as
 * the Linode API holds it later ({@link #inboundOf}): what the twin's WAN relays enforce.
 *
 * @param inboundPolicy ACCEPT or DROP for traffic no rule matches
 * @param rules         the inbound rules, in order
 */
public record DeclaredFirewall(String inboundPolicy, List<Rule> rules) {
    public DeclaredFirewall {
        rules = List.copyOf(rules);
    }

    /**
     * The inbound side of rules as the Linode API holds them (a fence added, a fence lifted). IPv6 sources are left
     * out: the twin has no IPv6.
     */
    public static DeclaredFirewall inboundOf(FirewallRules rules) {
        return new DeclaredFirewall(rules.inboundPolicy(), rules.inbound().stream()
                .map(r -> new Rule(r.label(), r.action(), r.protocol(), r.ports(), r.ipv4()))
                .toList());
    }

    /** These rules as the API's value, to create the firewall with: outbound everything accepted, no IPv6 sources. */
    public FirewallRules toApiRules() {
        return new FirewallRules(inboundPolicy, rules.stream()
                .map(r -> new FirewallRule(r.label(), r.action(), r.protocol(), r.ports(), r.ipv4s(), List.of()))
                .toList(), "ACCEPT", List.of());
    }

    /**
     * One inbound rule: label, ACCEPT/DROP, protocol, Linode's port syntax ("3306", "80,443", "1-1024"; null or blank
     * = every port), IPv4 CIDRs.
     */
    public record Rule(String label, String action, String protocol, String ports, List<String> ipv4s) {
        public Rule {
            ipv4s = List.copyOf(ipv4s);
        }
    }
}
