package io.shopdr.agent.failover;

import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.FailoverReport;
import io.shopdr.agent.replication.RejoinReport;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.ReplicationException;
import io.shopdr.agent.replication.SemiSyncDurability;
import io.shopdr.agent.replication.StandbyReceipt;
import io.shopdr.agent.replication.SwitchoverStep;
import io.shopdr.agent.replication.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link RegionDatabases} on the replication engine: maps each configured region to its database endpoint and
 * builds the engine's topology around whichever region is primary at the time of the call. The controller of a
 * region reaches its own database by its {@code database} address and the other regions' by their
 * {@code publicDatabase}; replicas always replicate from another region's public address (never a private IP in
 * another data centre).
 */
public final class EngineRegionDatabases implements RegionDatabases {
    /** Bound on opening each admin connection during a failover (replicas are expected to answer quickly). */
    static final Duration FAILOVER_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Bound on opening each admin connection of a planned operation (switchover, rejoin). */
    private static final Duration SESSION_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<Endpoint, Endpoint> replicationAddresses = new LinkedHashMap<>();
    private final Credentials admin;
    private final Credentials replication;
    private final Optional<java.nio.file.Path> caFile;
    private final String serverCaPath;

    /**
     * Databases reached by their {@code database} addresses (as the config file names them for wherever it was
     * rendered); replication still uses the public addresses.
     */
    public EngineRegionDatabases(ControllerConfig config, Credentials admin, Credentials replication) {
        this(config, null, admin, replication);
    }

    /**
     * Databases as the controller of region {@code self} sees them: its own by {@code database} (private), the
     * others by {@code publicDatabase}; null = every one by {@code database}.
     */
    public EngineRegionDatabases(ControllerConfig config, String self, Credentials admin, Credentials replication) {
        for (RegionConfig r : config.regions()) {
            String at = "config field regions[" + config.regions().indexOf(r) + "]";
            if (r.database() == null) {
                throw new IllegalArgumentException(at + ".database is missing for region " + r.name()
                        + "; give its database as HOST:PORT");
            }
            Endpoint own = parse(at + ".database", r.database());
            Endpoint shared = parse(at + ".publicDatabase", r.publicDatabase());
            Endpoint connect = self == null || r.name().equals(self) ? own : shared;
            endpoints.put(r.name(), connect);
            replicationAddresses.put(connect, shared);
        }
        this.admin = admin;
        this.replication = replication;
        this.caFile = Optional.ofNullable(config.caFile());
        this.serverCaPath = config.serverCaPath();
    }

    private static Endpoint parse(String field, String address) {
        try {
            return Endpoint.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private ReplicationEngine engine(String primary, Duration connectTimeout) {
        return engine(topology(primary), connectTimeout);
    }

    private ReplicationEngine engine(Topology topology, Duration connectTimeout) {
        return new ReplicationEngine(topology, connectTimeout).withServerCaPath(serverCaPath)
                .withReplicationAddresses(replicationAddresses);
    }

    /**
     * An engine for the probe cycle's short reads: connect within {@code timeout}, each read within
     * max({@code timeout}, 1 s) (a cross-region TLS handshake needs a few round trips of up to 0.3 s each).
     */
    private ReplicationEngine shortReads(String primary, Duration timeout) {
        return shortReads(topology(primary), timeout);
    }

    private ReplicationEngine shortReads(Topology topology, Duration timeout) {
        Duration second = Duration.ofSeconds(1);
        return engine(topology, timeout).withReadTimeout(timeout.compareTo(second) > 0 ? timeout : second);
    }

    public Endpoint endpoint(String region) {
        Endpoint e = endpoints.get(region);
        if (e == null) throw new IllegalArgumentException("unknown region '" + region + "'; configured: " + endpoints.keySet());
        return e;
    }

    /** The topology with {@code primaryRegion} as primary and every other region as replica. */
    public Topology topology(String primaryRegion) {
        return topology(primaryRegion, endpoints.keySet());
    }

    /** The topology with {@code primaryRegion} as primary and those of {@code replicaRegions} that are not it as replicas. */
    private Topology topology(String primaryRegion, Collection<String> replicaRegions) {
        Endpoint p = endpoint(primaryRegion);
        List<Endpoint> replicas = new ArrayList<>();
        endpoints.forEach((region, e) -> {
            if (!region.equals(primaryRegion) && replicaRegions.contains(region)) replicas.add(e);
        });
        return new Topology(p, replicas, admin, replication, caFile);
    }

    private String regionOf(Endpoint e) {
        return endpoints.entrySet().stream().filter(x -> x.getValue().equals(e)).map(Map.Entry::getKey).findFirst()
                .orElse(e.toString());
    }

    @Override
    public String gtidPosition(String region, Duration timeout) {
        return shortReads(region, timeout).gtidPosition(endpoint(region));
    }

    @Override
    public boolean fence(String region, Duration timeout) {
        return engine(region, timeout).fence(endpoint(region), timeout).fenced();
    }

    @Override
    public int releaseSemiSync(String primary, Duration timeout) {
        return engine(primary, timeout).releaseSemiSync(endpoint(primary), timeout);
    }

    @Override
    public List<String> restoreSemiSync(String primary, Duration timeout) {
        return engine(primary, timeout).restoreSemiSync(endpoint(primary), timeout).stream().map(this::regionOf).toList();
    }

    @Override
    public void lift(String region) {
        engine(region, FAILOVER_CONNECT_TIMEOUT).lift(endpoint(region));
    }

    @Override
    public boolean isPrimary(String region, Duration timeout) {
        return shortReads(region, timeout).isPrimary(endpoint(region));
    }

    @Override
    public Map<String, StandbyReceipt> receipts(String primary, Collection<String> standbys, Optional<String> reference,
                                                Duration timeout) {
        Map<String, StandbyReceipt> out = new LinkedHashMap<>();
        for (StandbyReceipt r : shortReads(topology(primary, standbys), timeout).receipts(reference)) out.put(regionOf(r.replica()), r);
        return out;
    }

    @Override
    public SemiSyncDurability durability(String primary, Duration timeout) {
        return shortReads(primary, timeout).durability(endpoint(primary));
    }

    @Override
    public Promotion failover(String oldPrimary, Optional<String> reference) {
        FailoverReport r = engine(oldPrimary, FAILOVER_CONNECT_TIMEOUT).failover(reference);
        String detail = "new primary " + r.newPrimary() + " at " + r.newPrimaryGtid()
                + (r.repointed().isEmpty() ? "" : "; re-pointed " + r.repointed().stream().map(this::regionOf).collect(Collectors.joining(", ")))
                + (r.semiSyncReleased() ? "; semi-sync off until a standby is attached and caught up (no replica to"
                        + " acknowledge: durability degraded)" : "")
                + (r.lostGtids().isEmpty() ? "" : "; lost " + String.join(", ", r.lostGtids()))
                + (r.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", r.warnings()));
        return new Promotion(regionOf(r.newPrimary()),
                r.rpoTransactions() == null ? OptionalLong.empty() : OptionalLong.of(r.rpoTransactions()), detail);
    }

    @Override
    public Map<String, Long> replicationLagSeconds(String primary) {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (var st : engine(primary, Duration.ofSeconds(1)).status()) {
            lag.put(regionOf(st.replica()), st.lagSeconds());
        }
        return lag;
    }

    @Override
    public List<String> repointStandbys(String newPrimary, String oldPrimary, Duration timeout) {
        ReplicationEngine engine = engine(newPrimary, timeout);
        List<String> done = new ArrayList<>();
        for (String region : endpoints.keySet()) {
            if (region.equals(newPrimary) || region.equals(oldPrimary)) continue;
            try {
                RejoinReport r = engine.rejoin(endpoint(region), timeout);
                done.add(region + ": " + (r.actions().isEmpty() ? "already replicating from " + newPrimary
                        : String.join(", ", r.actions())) + (r.caughtUp() ? "" : " (still catching up)"));
            } catch (ReplicationException e) {
                done.add(region + ": not re-pointed at " + newPrimary + ": " + e.getMessage());
            }
        }
        return done;
    }

    @Override
    public void switchover(String from, String to, Duration timeout, Consumer<SwitchoverStep> progress) {
        rejoin(from, to, timeout);
        engine(from, SESSION_CONNECT_TIMEOUT).switchover(endpoint(to), timeout, progress);
    }

    @Override
    public void rejoin(String primary, String node, Duration timeout) {
        RejoinReport rejoin = engine(primary, SESSION_CONNECT_TIMEOUT).rejoin(endpoint(node), timeout);
        if (!rejoin.caughtUp()) {
            throw new ReplicationException(endpoint(node), node + " (" + endpoint(node) + ") did not catch up with " + primary
                    + " within " + timeout.toSeconds() + " s (" + rejoin.status() + "); retry with a longer --timeout");
        }
    }
}
