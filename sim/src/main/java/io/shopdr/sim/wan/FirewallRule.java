package io.shopdr.sim.wan;

import io.shopdr.validation.Cidr;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One inbound rule in the shape of a Linode Cloud Firewall rule ({@code protocol}, {@code ports}, {@code ipv4}/
 * {@code ipv6} sources, {@code action}). The emulator relays TCP only, so rules for other protocols never match.
 *
 * @param action   what a matching connection gets
 * @param protocol {@code TCP}, {@code UDP}, {@code ICMP} or {@code IPENCAP}
 * @param ports    the destination ports; Linode's empty {@code ports} means every port
 * @param sources  the source blocks (Linode's {@code ipv4} and {@code ipv6} lists together)
 */
public record FirewallRule(Action action, String protocol, PortSet ports, List<Cidr> sources) {
    /** A rule's, or a firewall policy's, verdict. */
    public enum Action { ACCEPT, DROP }

    public FirewallRule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ports, "ports");
        sources = List.copyOf(sources);
    }

    /**
     * A rule from Linode's text forms, e.g. {@code accept("TCP", "3306", "203.0.113.7/32")}.
     *
     * @throws IllegalArgumentException naming the bad port list or address
     */
    public static FirewallRule of(Action action, String protocol, String ports, String... sources) {
        return new FirewallRule(action, protocol.toUpperCase(java.util.Locale.ROOT), PortSet.parse(ports),
                java.util.Arrays.stream(sources).map(Cidr::parseAddressOrBlock).toList());
    }

    /** An ACCEPT rule from Linode's text forms. */
    public static FirewallRule accept(String protocol, String ports, String... sources) {
        return of(Action.ACCEPT, protocol, ports, sources);
    }

    /** Whether a TCP connection from {@code source} to port {@code port} matches this rule. */
    public boolean matchesTcp(InetAddress source, int port) {
        return protocol.equals("TCP") && ports.contains(port) && sources.stream().anyMatch(c -> c.contains(source));
    }
}
