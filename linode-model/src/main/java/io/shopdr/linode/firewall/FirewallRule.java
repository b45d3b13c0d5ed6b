package io.shopdr.linode.firewall;

import java.util.List;

/**
 * One firewall rule: {@code action} ACCEPT/DROP, {@code protocol} TCP/UDP/ICMP/IPENCAP, {@code ports} like
 * "3306" or "80,443" (null for all), addresses as CIDRs.
 */
public record FirewallRule(String label, String action, String protocol, String ports,
                           List<String> ipv4, List<String> ipv6) {

    public FirewallRule {
        ipv4 = ipv4 == null ? List.of() : List.copyOf(ipv4);
        ipv6 = ipv6 == null ? List.of() : List.copyOf(ipv6);
    }
}
