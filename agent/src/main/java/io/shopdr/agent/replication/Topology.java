package io.shopdr.agent.replication;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which server is the primary, which are its replicas, the admin and replication credentials, and the CA that
 * server certificates must chain to (when present, every connection and every replication channel uses verified TLS).
 */
public record Topology(Endpoint primary, List<Endpoint> replicas, Credentials admin, Credentials replication,
                       Optional<Path> caFile) {
    public Topology {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(replication, "replication");
        replicas = List.copyOf(Objects.requireNonNull(replicas, "replicas"));
        caFile = caFile == null ? Optional.empty() : caFile;
        Set<Endpoint> seen = new HashSet<>();
        seen.add(primary);
        for (Endpoint r : replicas) {
            if (!seen.add(r)) {
                throw new IllegalArgumentException("endpoint " + r + " is listed twice (primary or replica); list each server once");
            }
        }
    }

    /** Topology without TLS. */
    public Topology(Endpoint primary, List<Endpoint> replicas, Credentials admin, Credentials replication) {
        this(primary, replicas, admin, replication, Optional.empty());
    }

    /** The primary followed by the replicas. */
    public List<Endpoint> nodes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(primary), replicas.stream()).toList();
    }
}
