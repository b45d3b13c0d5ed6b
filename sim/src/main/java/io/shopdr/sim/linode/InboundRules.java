package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopdr.validation.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * How a Cloud Firewall decides an inbound connection, with Linode's semantics: the first inbound rule matching
 * protocol, port and source address decides, else the inbound policy.
 */
final class InboundRules {
    private InboundRules() {}

    /** Whether {@code rules} (a firewall's stored {@code rules} object) admit the connection. */
    static boolean admits(JsonNode rules, String protocol, int port, String sourceIp) {
        for (JsonNode rule : rules.path("inbound")) {
            if (!rule.path("protocol").asText().equalsIgnoreCase(protocol)) {
                continue;
            }
            String ports = rule.path("ports").asText("");
            if (!ports.isEmpty() && !portMatches(ports, port)) {
                continue;
            }
            boolean addressMatches = false;
            for (String family : List.of("ipv4", "ipv6")) {
                for (JsonNode cidr : rule.path("addresses").path(family)) {
                    addressMatches |= inCidr(sourceIp, cidr.asText());
                }
            }
            if (addressMatches) {
                return rule.path("action").asText().equals("ACCEPT");
            }
        }
        return rules.path("inbound_policy").asText().equals("ACCEPT");
    }

    private static boolean portMatches(String ports, int port) {
        for (String piece : ports.split(",")) {
            String p = piece.trim();
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCidr(String ip, String cidr) {
        try {
            return Cidr.parseAddressOrBlock(cidr).contains(InetAddress.getByName(ip));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
