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

/**
 * A declared database firewall translated to the WAN's {@link InboundFirewall}: every declared source address
 * that belongs to a region (a database's public or private IP, a cluster node's address) becomes that region's
 * loopback address; any other source stays as declared (and so admits nothing in the twin, as an address no twin
 * process has). The declared database port becomes the server's real port. Nothing else changes: a rule the
 * program forgot is missing here too.
 */
final class TwinDatabaseFirewall {
    private TwinDatabaseFirewall() {}

    /**
     * @param regionOfAddress declared address (without prefix) → the region it belongs to
     */
    static InboundFirewall translate(DeclaredFirewall declared, int declaredPort, int serverPort,
                                     Map<String, String> regionOfAddress, RegionAddresses addresses) {
        List<FirewallRule> rules = new ArrayList<>();
        for (DeclaredFirewall.Rule r : declared.rules()) {
            List<Cidr> sources = new ArrayList<>();
            for (String cidr : r.ipv4s()) {
                String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
                String region = cidr.endsWith("/32") || !cidr.contains("/") ? regionOfAddress.get(address) : null;
                sources.add(region == null ? Cidr.parse(cidr)
                        : Cidr.parse(addresses.addressOf(region).getHostAddress() + "/32"));
            }
            String ports = r.ports().replace(Integer.toString(declaredPort), Integer.toString(serverPort));
            rules.add(new FirewallRule(FirewallRule.Action.valueOf(r.action().toUpperCase(Locale.ROOT)),
                    r.protocol().toUpperCase(Locale.ROOT), PortSet.parse(ports), sources));
        }
        return new InboundFirewall(rules, FirewallRule.Action.valueOf(declared.inboundPolicy().toUpperCase(Locale.ROOT)));
    }
}
