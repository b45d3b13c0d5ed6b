package io.shopdr.drill.twin;

import io.shopdr.validation.Cidr;
import io.shopdr.sim.wan.FirewallRule;
import io.shopdr.sim.wan.InboundFirewall;
import io.shopdr.sim.wan.PortSet;
import io.shopdr.sim.wan.RegionAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A database firewall — as declared, or as the Linode API holds it after a fence or a lift — translated to the
 * WAN's {@link InboundFirewall}: every source address that belongs to a region (a database's public or private IP,
 * a cluster node's address) becomes that region's loopback address; any other source stays as written (and so
 * admits nothing in the twin, as an address no twin process has). Each port that stands for the database becomes
 * the server's real port. Nothing else changes: a rule the program forgot is missing here too.
 */
final class TwinDatabaseFirewall {
    private TwinDatabaseFirewall() {}

    /**
     * @param databasePorts   the ports a rule names the database by: the declared port, and in the twin each relay's
     *                        port (a controller's config names its relay, so the fence it writes names that port)
     * @param regionOfAddress declared address (without prefix) → the region it belongs to
     */
    static InboundFirewall translate(DeclaredFirewall firewall, Set<Integer> databasePorts, int serverPort,
                                     Map<String, String> regionOfAddress, RegionAddresses addresses) {
        List<FirewallRule> rules = new ArrayList<>();
        for (DeclaredFirewall.Rule r : firewall.rules()) {
            List<Cidr> sources = new ArrayList<>();
            for (String cidr : r.ipv4s()) {
                String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
                String region = cidr.endsWith("/32") || !cidr.contains("/") ? regionOfAddress.get(address) : null;
                sources.add(region == null ? Cidr.parse(cidr)
                        : Cidr.parse(addresses.addressOf(region).getHostAddress() + "/32"));
            }
            rules.add(new FirewallRule(FirewallRule.Action.valueOf(r.action().toUpperCase(Locale.ROOT)),
                    r.protocol().toUpperCase(Locale.ROOT), PortSet.parse(ports(r.ports(), databasePorts, serverPort)),
                    sources));
        }
        return new InboundFirewall(rules, FirewallRule.Action.valueOf(firewall.inboundPolicy().toUpperCase(Locale.ROOT)));
    }

    /** Linode's port list with every entry that is one of {@code databasePorts} replaced by the server's port. */
    private static String ports(String ports, Set<Integer> databasePorts, int serverPort) {
        if (ports == null || ports.isBlank()) return "";
        return java.util.Arrays.stream(ports.split(",")).map(String::trim)
                .map(p -> p.matches("\\d{1,5}") && databasePorts.contains(Integer.parseInt(p)) ? Integer.toString(serverPort) : p)
                .collect(Collectors.joining(","));
    }
}
