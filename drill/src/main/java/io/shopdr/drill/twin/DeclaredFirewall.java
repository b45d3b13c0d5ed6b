package io.shopdr.drill.twin;

import java.util.List;

/**
 * A Linode Cloud Firewall's inbound side as the program declares it ({@code linode:index/firewall:Firewall}).
 *
 * @param inboundPolicy ACCEPT or DROP for traffic no rule matches
 * @param rules         the inbound rules, in order
 */
public record DeclaredFirewall(String inboundPolicy, List<Rule> rules) {
    public DeclaredFirewall {
        rules = List.copyOf(rules);
    }

    /** One inbound rule: label, ACCEPT/DROP, protocol, Linode's port syntax ("3306", "80,443", "1-1024"), IPv4 CIDRs. */
    public record Rule(String label, String action, String protocol, String ports, List<String> ipv4s) {
        public Rule {
            ipv4s = List.copyOf(ipv4s);
        }
    }
}
