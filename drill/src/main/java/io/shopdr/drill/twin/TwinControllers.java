package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.agent.failover.ControllerConfig;
import io.shopdr.agent.failover.ControllerConfigFile;
import io.shopdr.agent.failover.ControllerListener;
import io.shopdr.agent.failover.ControllerState;
import io.shopdr.agent.failover.EngineRegionDatabases;
import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.TimelineEntry;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.drill.DrillClock;
import io.shopdr.drill.DrillException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The twin's failover controllers: one per region, started from the {@code controller.json} the program rendered
 * for that region, plus each witness. Only the edge is rewritten before the agent's own parser reads the document
 * ({@link #rewrite}): each region's ingress address, probe URL (through the WAN from the controller's place, plain
 * HTTP: the twin's ingress has no TLS), database address (its WAN relay), firewall id (the simulator's), the CA
 * file and the server-side CA path (the twin's copy), the incident directory; and the drill's witness when the
 * stack declares none. Every controller reaches the Linode API through the WAN from its own place.
 *
 * <p>It records when a controller detected the failure, and the failover incidents (promotion, DNS switch, RPO): a
 * failover one controller promoted and its restarted successor finished is measured across both.
 */
public final class TwinControllers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwinWorld world;
    private final DrillClock clock;
    private final Credentials admin;
    private final Credentials replication;
    private final Map<String, FailoverController> running = new LinkedHashMap<>();
    private final Map<String, Duration> clockOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> failingOver = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String durability;
    private volatile Long detectedAtMs;
    private volatile Incident failover;
    private final Map<String, Incident> failovers = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean closed;

    public TwinControllers(TwinWorld world, DrillClock clock) {
        this.world = world;
        this.clock = clock;
        Map<String, Object> db = world.spec().databaseDocument();
        this.admin = new Credentials(String.valueOf(db.get("adminUser")), String.valueOf(db.get("adminPassword")));
        this.replication = new Credentials(String.valueOf(db.get("replicationUser")), String.valueOf(db.get("replicationPassword")));
    }

    /** Every observer: the regions' controllers, then the witnesses. */
    public List<String> observers() {
        List<String> all = new ArrayList<>(world.spec().regions());
        all.addAll(world.witnesses());
        return all;
    }

    /**
     * The config {@code observer} runs with: its region's rendered document (a witness takes the primary
     * region's), edge rewritten, parsed by the agent's {@link ControllerConfigFile}.
     */
    public ControllerConfig config(String observer) {
        TwinSpec spec = world.spec();
        String region = spec.regions().contains(observer) ? observer : spec.primaryRegion();
        return ControllerConfigFile.parse(rewrite(spec.region().get(region).controllerConfigJson(), observer), false);
    }

    String rewrite(String rendered, String observer) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(rendered);
            for (JsonNode n : doc.withArray("regions")) {
                ObjectNode r = (ObjectNode) n;
                String name = r.path("name").asText();
                InetSocketAddress shop = world.shopAddress(observer, name);
                InetSocketAddress db = world.spec().regions().contains(observer) ? world.databaseAddressFrom(observer, name)
                        : world.databaseAddress(name);
                r.put("ingressIp", world.ingressIp(name));
                r.remove("ingressIpv6");
                r.put("probeUrl", "http://" + shop.getHostString() + ":" + shop.getPort() + doc.path("probePath").asText("/healthz"));
                r.put("database", db.getHostString() + ":" + db.getPort());
                // how the other regions' databases reach this one (replicas are re-pointed at it): its relay
                InetSocketAddress replicationSource = world.databaseAddress(name);
                r.put("publicDatabase", replicationSource.getHostString() + ":" + replicationSource.getPort());
                r.put("firewallId", world.api().firewallId(name));
            }
            doc.put("recordTtl", world.spec().shopTtlSeconds());
            doc.put("probeScheme", "http");
            doc.put("caFile", world.caFile().toString());
            doc.put("serverCaPath", world.caFile().toString());
            doc.put("incidentDir", world.dir().resolve("incidents-" + observer).toString());
            ArrayNode witnesses = doc.withArray("witnesses");
            if (witnesses.isEmpty()) world.witnesses().forEach(witnesses::add);
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new DrillException("the controller config FailoverDns rendered is not JSON: " + e.getMessage());
        }
    }

    public void startAll() {
        for (String o : observers()) start(o);
    }

    /**
     * Starts (or restarts, after its region was restored or its process died) the controller of {@code observer}: a new
     * instance, as a new process starts, remembering nothing of the one before.
     */
    public synchronized void start(String observer) {
        start(observer, ControllerEdge.NONE);
    }

    /**
     * Restarts {@code observer}'s controller as a new process behind {@code edge} (the nemesis's crash points). The
     * edge applies to this start only; {@link #start} drops it.
     */
    public synchronized void restartWithEdge(String observer, ControllerEdge edge) {
        stop(observer);
        start(observer, edge);
    }

    private void start(String observer, ControllerEdge edge) {
        if (closed) throw new IllegalStateException("the twin's controllers were closed; not starting " + observer);
        ControllerConfig config = config(observer);
        boolean region = config.isRegion(observer);
        var linode = world.api().clientFrom(observer);
        FailoverController c = new FailoverController(config, observer, edge.dns().apply(linode),
                region ? edge.firewalls().apply(linode) : null,
                region ? edge.databases().apply(new EngineRegionDatabases(config, admin, replication)) : null,
                Clock.offset(Clock.systemUTC(), clockOffsets.getOrDefault(observer, Duration.ZERO)));
        c.addListener(new ControllerListener() {
            @Override
            public void stateChanged(String who, ControllerState from, ControllerState to, String reason) {
                if (to == ControllerState.FAILING_OVER) {
                    failingOver.add(who);
                    if (detectedAtMs == null) detectedAtMs = clock.nowMs();
                }
            }

            @Override
            public void incidentUpdated(Incident incident) {
                if (incident.kind() == Incident.Kind.FAILOVER) {
                    failover = incident;
                    failovers.put(incident.id(), incident);
                }
            }

            @Override
            public void roundCompleted(String who, io.shopdr.agent.health.ObservationRound round) {
                io.shopdr.agent.replication.SemiSyncDurability d = c.lastDurability();
                if (d != null && d.degraded() && durability == null) durability = who + ": " + d.describe();
            }
        });
        c.start();
        running.put(observer, c);
    }

    /**
     * Restarts {@code observer}'s controller with its clock {@code offset} off the host's (the nemesis's clock skew;
     * {@link Duration#ZERO} puts it back): the controller's {@link Clock} is its one injection point.
     */
    public synchronized void restartWithClockOffset(String observer, Duration offset) {
        stop(observer);
        clockOffsets.put(observer, offset);
        start(observer);
    }

    /** The observers whose controller entered FAILING_OVER since the start (or the last {@link #forgetFailover}). */
    public java.util.Set<String> failingOver() {
        return java.util.Set.copyOf(failingOver);
    }

    /**
     * The first "durability degraded" a controller reported (its primary's semi-sync had no replica acknowledging,
     * {@code FailoverController#lastDurability}), if any did; the checker's availability rule requires it under
     * semi-sync.
     */
    public java.util.Optional<String> durabilitySignal() {
        return java.util.Optional.ofNullable(durability);
    }

    /** Stops the controller of {@code observer} (its region died with it). */
    public synchronized void stop(String observer) {
        FailoverController c = running.remove(observer);
        if (c != null) c.close();
    }

    /** State of {@code observer}'s controller, or null when it is not running. */
    public synchronized String state(String observer) {
        FailoverController c = running.get(observer);
        return c == null ? null : c.state().name();
    }

    /**
     * Why {@code observer}'s controller holds an automatic failover now ({@code loss-budget}, {@code no-fence}, …), or
     * null when it holds none or is not running.
     */
    public synchronized String holding(String observer) {
        FailoverController c = running.get(observer);
        return c == null ? null : c.holding();
    }

    /** Why {@code observer}'s controller is in its state (the hold's reason while it holds), or null when not running. */
    public synchronized String stateReason(String observer) {
        FailoverController c = running.get(observer);
        return c == null ? null : c.stateReason();
    }

    /** Each controller's state and the failover incident's last events: why a failover is not (yet) done. */
    public synchronized String describe() {
        StringBuilder b = new StringBuilder("controllers ");
        running.forEach((o, c) -> b.append(o).append('=').append(c.state()).append(' '));
        Incident i = failover;
        if (i == null) return b.append("; no failover incident").toString();
        List<TimelineEntry> t = i.timeline();
        b.append("; incident ").append(i.outcome()).append(": ");
        t.subList(Math.max(0, t.size() - 3), t.size()).forEach(e -> b.append(e.event()).append(" | "));
        return b.toString();
    }

    /** The failover incident, once one started. */
    public Incident failover() {
        return failover;
    }

    /** True once a failover incident completed. */
    public boolean failedOver() {
        Incident i = failover;
        return i != null && i.outcome() == Incident.Outcome.COMPLETED;
    }

    /** Forgets the last failover (the next run on the same world measures its own). */
    public void forgetFailover() {
        failover = null;
        failovers.clear();
        detectedAtMs = null;
        failingOver.clear();
    }

    public Long detectedAtMs() {
        Long listened = detectedAtMs;
        return listened != null ? listened : timelineMs("quorum declared");
    }

    public Long promotedAtMs() {
        return timelineMs("promoted ");
    }

    public Long dnsSwitchedAtMs() {
        return timelineMs("DNS switched");
    }

    /** The RPO the controller reported for the failover (transactions), or null when it said unknown. */
    public Long reportedRpo() {
        Incident i = failover;
        return i == null || i.lostTransactions().isEmpty() ? null : i.lostTransactions().getAsLong();
    }

    /** Operator failback to {@code region} through {@code via}'s controller; returns a one-line summary. */
    public String failback(String via, String region, Duration timeout) {
        Incident i = runFailback(via, region, timeout);
        if (i.outcome() != Incident.Outcome.COMPLETED) {
            List<TimelineEntry> t = i.timeline();
            throw new DrillException("failback to " + region + " " + i.outcome().name().toLowerCase(Locale.ROOT)
                    + (t.isEmpty() ? "" : ": " + t.get(t.size() - 1).event()));
        }
        return "planned switchover and DNS back to " + region + " by " + via + "'s controller (failback)";
    }

    /** Operator failback to {@code region} through {@code via}'s controller: its incident, completed or not. */
    public Incident runFailback(String via, String region, Duration timeout) {
        FailoverController c;
        synchronized (this) {
            c = running.get(via);
        }
        if (c == null) throw new DrillException("no controller runs in " + via + " to fail back with");
        return c.failback(region, timeout);
    }

    /**
     * The earliest timeline entry containing {@code text} among the failover incidents: a failover whose controller
     * died after the promotion was promoted in its incident and finished in its successor's.
     */
    private Long timelineMs(String text) {
        return failovers.values().stream().flatMap(i -> i.timeline().stream()).filter(e -> e.event().contains(text))
                .map(TimelineEntry::at).min(java.util.Comparator.naturalOrder()).map(this::toDrillMs).orElse(null);
    }

    private long toDrillMs(Instant at) {
        return at.toEpochMilli() - clock.startEpochMs();
    }

    @Override
    public synchronized void close() {
        closed = true;
        // each waits up to two probe intervals + 5 s for a cycle stuck on a dead region to end
        InParallel.run("stop-controller", running.values().stream().<Runnable>map(c -> c::close).toList());
        running.clear();
    }
}
