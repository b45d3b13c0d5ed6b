package io.shopdr.components.database;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The typed bag of ReplicatedDatabase outputs, shaped like the {@code database} stack output the post-deploy
 * hook reads ({@link #toMap()}, exactly the keys of contracts.md; the app credentials are for the program to
 * hand to the application and are not part of that document). It holds passwords: it is only ever handed out inside a secret Output, and
 * {@link #toString()} hides them.
 */
public record ReplicatedDatabaseOutputs(
        String engine,
        String primaryRegion,
        String databaseName,
        String adminUser,
        String adminPassword,
        String replicationUser,
        String replicationPassword,
        String appUser,
        String appPassword,
        String caCertificate,
        Map<String, DatabaseEndpoint> endpoints) {

    public ReplicatedDatabaseOutputs {
        Objects.requireNonNull(endpoints, "endpoints");
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    /** The {@code database} stack output document (contracts.md), key order as documented. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine);
        m.put("primaryRegion", primaryRegion);
        m.put("databaseName", databaseName);
        m.put("adminUser", adminUser);
        m.put("adminPassword", adminPassword);
        m.put("replicationUser", replicationUser);
        m.put("replicationPassword", replicationPassword);
        m.put("caCertificate", caCertificate);
        Map<String, Object> eps = new LinkedHashMap<>();
        endpoints.forEach((region, e) -> eps.put(region, e.toMap()));
        m.put("endpoints", eps);
        return m;
    }

    @Override
    public String toString() {
        return "ReplicatedDatabaseOutputs[" + engine + ", primary " + primaryRegion + ", endpoints "
                + endpoints.keySet() + ", passwords hidden]";
    }
}
