package io.shopdr.agent.failover;

import java.util.Objects;

/**
 * One region as the controller knows it: its ingress addresses (what the shop's A/AAAA records point at when it
 * is primary), the URL its health is probed at (default {@code <scheme>://<ingressIp>/healthz}), its database
 * endpoint ({@code host:port}) and the id of the Linode Cloud Firewall in front of that database (0 = none).
 */
public record RegionConfig(String name, String ingressIp, String ingressIpv6, String probeUrl, String database,
                           long firewallId) {

    public RegionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ingressIp, "ingressIp");
        if (ingressIpv6 != null && ingressIpv6.isBlank()) ingressIpv6 = null;
        if (probeUrl != null && probeUrl.isBlank()) probeUrl = null;
        if (database != null && database.isBlank()) database = null;
    }

    /** The database port (from {@code database}, default 3306). */
    public int databasePort() {
        if (database == null) return 3306;
        int colon = database.lastIndexOf(':');
        return colon < 0 ? 3306 : Integer.parseInt(database.substring(colon + 1));
    }
}
