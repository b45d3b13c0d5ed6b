package io.shopdr.agent.failover;

import java.util.Objects;

/**
 * One region as the controller knows it: its ingress addresses (what the shop's A/AAAA records point at when it
 * is primary), the URL its health is probed at (default {@code <scheme>://<ingressIp>/healthz}), its database
 * endpoint ({@code host:port}) and the id of the Linode Cloud Firewall in front of that database (0 = none).
 *
 * <p>A database has two addresses: {@code database} is how its own region reaches it (private IP, same data
 * centre); {@code publicDatabase} is how the other regions reach it — the address its firewall admits them on.
 * Controllers connect to another region's database, and replicas replicate across regions, over the public one;
 * it defaults to {@code database} (one address for both, e.g. on one machine).
 */
public record RegionConfig(String name, String ingressIp, String ingressIpv6, String probeUrl, String database,
                           long firewallId, String publicDatabase) {

    public RegionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ingressIp, "ingressIp");
        if (ingressIpv6 != null && ingressIpv6.isBlank()) ingressIpv6 = null;
        if (probeUrl != null && probeUrl.isBlank()) probeUrl = null;
        if (database != null && database.isBlank()) database = null;
        if (publicDatabase == null || publicDatabase.isBlank()) publicDatabase = database;
    }

    /** A region whose database has one address for its own region and the others. */
    public RegionConfig(String name, String ingressIp, String ingressIpv6, String probeUrl, String database, long firewallId) {
        this(name, ingressIp, ingressIpv6, probeUrl, database, firewallId, null);
    }

    /** The database port (from {@code database}, default 3306). */
    public int databasePort() {
        if (database == null) return 3306;
        int colon = database.lastIndexOf(':');
        return colon < 0 ? 3306 : Integer.parseInt(database.substring(colon + 1));
    }
}
