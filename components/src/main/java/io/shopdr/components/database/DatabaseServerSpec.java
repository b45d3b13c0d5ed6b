package io.shopdr.components.database;

import java.util.Objects;

/**
 * Everything {@link DatabaseCloudInit} needs to render one region's database server: plain values, resolved
 * from Pulumi outputs inside an {@code apply}. {@link #toString()} never shows a password or the key.
 *
 * @param engine              engine to install
 * @param region              Linode region id, e.g. {@code us-east}
 * @param primary             whether this region starts as the replication primary (replicas start read-only)
 * @param port                TCP port the server listens on
 * @param databaseName        the application's database
 * @param adminUser           administrative user (the post-deploy hook and the controller use it)
 * @param adminPassword       its password
 * @param replicationUser     user the replicas connect as
 * @param replicationPassword its password
 * @param appUser             the application's user (no global privileges)
 * @param appPassword         its password
 * @param tls                 CA certificate and this region's server certificate + key
 */
public record DatabaseServerSpec(
        DatabaseEngine engine,
        String region,
        boolean primary,
        int port,
        String databaseName,
        String adminUser,
        String adminPassword,
        String replicationUser,
        String replicationPassword,
        String appUser,
        String appPassword,
        String caCertificatePem,
        DatabaseCertificates.ServerCertificate tls) {

    public DatabaseServerSpec {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(replicationUser, "replicationUser");
        Objects.requireNonNull(replicationPassword, "replicationPassword");
        Objects.requireNonNull(appUser, "appUser");
        Objects.requireNonNull(appPassword, "appPassword");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(tls, "tls");
    }

    @Override
    public String toString() {
        return "DatabaseServerSpec[" + engine + ", " + region + (primary ? ", primary" : ", replica")
                + ", port " + port + ", database " + databaseName + ", users " + adminUser + "/" + replicationUser
                + "/" + appUser + ", passwords hidden]";
    }
}
