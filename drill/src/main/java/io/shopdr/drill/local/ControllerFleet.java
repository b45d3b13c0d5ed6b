package io.shopdr.drill.local;

import io.shopdr.agent.failover.ControllerConfig;
import io.shopdr.agent.failover.ControllerListener;
import io.shopdr.agent.failover.ControllerState;
import io.shopdr.agent.failover.EngineRegionDatabases;
import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.RegionConfig;
import io.shopdr.agent.failover.TimelineEntry;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.drill.DrillClock;
import io.shopdr.drill.DrillException;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local drill's failover controllers: one {@link FailoverController} per region plus a witness, all on the
 * simulated zone through the real Linode client, with a Cloud Firewall per region's database in the simulator so
 * the firewall fence runs too. It records when the controllers detected, promoted and switched DNS (drill clock) and
 * the RPO the controller reported.
 */
public final class ControllerFleet implements AutoCloseable {
    public static final String WITNESS = "witness";
    /** Consecutive failed probes before an observer votes a region down (the prod stack's setting). */
    public static final int FAILURE_THRESHOLD = 3;

    private final ControllerConfig config;
    private final SimulatedZone zone;
    private final EngineRegionDatabases databases;
    private final DrillClock clock;
    private final List<String> regions;
    private final Map<String, FailoverController> running = new LinkedHashMap<>();
    private volatile Long detectedAtMs;
    private volatile Incident failover;

    public ControllerFleet(LocalDrillOptions options, SimulatedZone zone, List<String> regions, List<Endpoint> databases,
                           Credentials admin, Credentials replication, DrillClock clock) {
        this.zone = zone;
        this.clock = clock;
        this.regions = List.copyOf(regions);
        ControllerConfig.Builder b = ControllerConfig.builder()
                .domain(options.domain())
                .recordNames(List.of(""))
                .recordTtl(30)
                .probeScheme("http")
                .probeInterval(options.probeInterval())
                .failureThreshold(FAILURE_THRESHOLD)
                .successThreshold(3)
                .holdDown(Duration.ofHours(1))
                .adminUser(admin.user())
                .replicationUser(replication.user())
                .witness(WITNESS);
        for (int i = 0; i < regions.size(); i++) {
            long firewallId = zone.client().createFirewall("shopdr-db-" + regions.get(i), new FirewallRules("DROP",
                    List.of(new FirewallRule("mysql", "ACCEPT", "TCP", "3306", List.of("192.168.128.0/17"), List.of())),
                    "ACCEPT", List.of())).id();
            b.region(new RegionConfig(regions.get(i), LocalDrill.ingressIp(i), null,
                    "http://" + LocalDrill.ingressIp(i) + ":" + options.port() + "/healthz",
                    databases.get(i).toString(), firewallId));
        }
        this.config = b.build();
        this.databases = new EngineRegionDatabases(config, admin, replication);
    }

    /** Every observer: the regions' controllers and the witness. */
    public List<String> observers() {
        List<String> all = new ArrayList<>(regions);
        all.add(WITNESS);
        return all;
    }

    public void startAll() {
        for (String o : observers()) start(o);
    }

    /** Starts (or restarts, after its region was restored) the controller of {@code observer}. */
    public synchronized void start(String observer) {
        FailoverController c = new FailoverController(config, observer, zone.client(),
                WITNESS.equals(observer) ? null : zone.client(), WITNESS.equals(observer) ? null : databases,
                Clock.systemUTC());
        c.addListener(new ControllerListener() {
            @Override
            public void stateChanged(String who, ControllerState from, ControllerState to, String reason) {
                if (to == ControllerState.FAILING_OVER && detectedAtMs == null) detectedAtMs = clock.nowMs();
            }

            @Override
            public void incidentUpdated(Incident incident) {
                if (incident.kind() == Incident.Kind.FAILOVER) failover = incident;
            }
        });
        c.start();
        running.put(observer, c);
    }

    /** Stops the controller of {@code observer} (its region died with it). */
    public synchronized void stop(String observer) {
        FailoverController c = running.remove(observer);
        if (c != null) c.close();
    }

    /** State of the standby region's controller (the one that acts), or null when it is not running. */
    public synchronized String state() {
        FailoverController c = running.get(regions.get(1));
        return c == null ? null : c.state().name();
    }

    /** True once a failover incident completed. */
    public boolean failedOver() {
        Incident i = failover;
        return i != null && i.outcome() == Incident.Outcome.COMPLETED;
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

    /** Operator failback to {@code region} through the standby's controller; returns a one-line summary. */
    public String failback(String region) {
        FailoverController c;
        synchronized (this) {
            c = running.get(regions.get(1));
        }
        if (c == null) throw new DrillException("no controller runs in " + regions.get(1) + " to fail back with");
        Incident i = c.failback(region, Duration.ofSeconds(60));
        if (i.outcome() != Incident.Outcome.COMPLETED) {
            List<TimelineEntry> t = i.timeline();
            throw new DrillException("failback to " + region + " " + i.outcome().name().toLowerCase(java.util.Locale.ROOT)
                    + (t.isEmpty() ? "" : ": " + t.get(t.size() - 1).event()));
        }
        return "planned switchover and DNS back to " + region + " by the controller's failback";
    }

    private Long timelineMs(String text) {
        Incident i = failover;
        if (i == null) return null;
        for (TimelineEntry e : i.timeline()) {
            if (e.event().contains(text)) return toDrillMs(e.at());
        }
        return null;
    }

    private long toDrillMs(Instant at) {
        return at.toEpochMilli() - clock.startEpochMs();
    }

    @Override
    public synchronized void close() {
        for (FailoverController c : running.values()) c.close();
        running.clear();
    }
}
