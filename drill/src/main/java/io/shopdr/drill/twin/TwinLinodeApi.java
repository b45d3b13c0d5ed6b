package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The twin's Linode API: the simulator, enforcing Linode's per-user rate limits, in its own WAN place
 * ({@link TwinWorld#API}), holding the shop's zone with the records and TTLs the program declares (each region's
 * ingress address replaced by its twin address; AAAA records left out: the twin has no IPv6) and one Cloud
 * Firewall per region's database with the declared rules, attached to that database's Linode. The controllers'
 * firewall fence edits these, and what the simulator then enforces on a database's Linode reaches that database's
 * WAN relays {@link #FIREWALL_APPLY_DELAY} later ({@link TwinWorld#enforceDatabaseFirewall}), so a fence cuts and a
 * lift admits in the twin as in production. Every process reaches the API through a relay pinned to its own place,
 * so each API call pays its region's round trip.
 */
public final class TwinLinodeApi implements AutoCloseable {
    /**
     * How long a firewall change made through the API takes to reach the database's relays. Assumption, not a
     * measurement: Akamai documents no propagation time for Cloud Firewall rule updates. It does document that they
     * are applied to the Linodes asynchronously and can fail to apply (the {@code firewall_apply} event, and
     * {@code POST /linode/instances/{id}/firewalls/apply} "in case they were not applied successfully"; on 14 Nov
     * 2024 running Linodes could not apply rule changes for hours, status.linode.com). 5 s stands for "a few
     * seconds"; a later figure is harsher on both the fence (the old primary stays reachable) and the lift.
     */
    public static final Duration FIREWALL_APPLY_DELAY = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(TwinLinodeApi.class.getName());

    private final TwinWorld world;
    private final LinodeApiSimulator simulator;
    private final String token = "twin-" + UUID.randomUUID();
    private final Map<String, Long> firewallIds = new LinkedHashMap<>();
    /** The simulator's Linode id of each region's database instance → the region. */
    private final Map<Long, String> regionOfLinode = new ConcurrentHashMap<>();
    /** Applies firewall changes to the relays in the order they were made, each after the apply delay. */
    private final ScheduledExecutorService firewallApplier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "twin-firewall-apply");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, InetSocketAddress> relays = new ConcurrentHashMap<>();
    private final DnsZone zone;

    private TwinLinodeApi(TwinWorld world, LinodeApiSimulator simulator, DnsZone zone) {
        this.world = world;
        this.simulator = simulator;
        this.zone = zone;
    }

    static TwinLinodeApi start(TwinWorld world) {
        TwinSpec spec = world.spec();
        LinodeApiSimulator sim = LinodeApiSimulator.start().enforceLinodeRateLimits();
        TwinLinodeApi api = new TwinLinodeApi(world, sim, sim.addZone(spec.domain()));
        try {
            DnsZone zone = api.zone;
            sim.addToken(api.token, LinodeApiSimulator.ALL_SCOPES);
            Map<String, String> regionOfIngress = new LinkedHashMap<>();
            spec.region().forEach((r, s) -> regionOfIngress.put(s.ingressIp(), r));
            for (TwinSpec.DeclaredRecord r : spec.records()) {
                if ("AAAA".equals(r.type())) continue;
                String region = regionOfIngress.get(r.target());
                sim.addRecord(zone, DnsRecord.of(r.type(), r.name(), region == null ? r.target() : world.ingressIp(region),
                        r.ttlSeconds()));
            }
            sim.onFirewallEnforcement(api::applyLater);
            LinodeClient setup = LinodeClient.builder().apiUrl(sim.apiUrl()).token(api.token).build();
            for (String region : spec.regions()) {
                long linode = sim.addLinode(TwinWorld.host(region));
                api.regionOfLinode.put(linode, region);
                long firewall = setup.createFirewall("db-fw-" + region,
                        spec.region().get(region).databaseFirewall().toApiRules()).id();
                setup.attachLinode(firewall, linode);
                api.firewallIds.put(region, firewall);
            }
            sim.clearRequests();
            return api;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /**
     * The simulator's word that a Linode's firewall changed: a database's relays enforce the new rules after
     * {@link #FIREWALL_APPLY_DELAY}, in the order the changes were made. Runs under the simulator's lock: schedules only.
     */
    private void applyLater(long linodeId, Optional<FirewallRules> rules) {
        String region = regionOfLinode.get(linodeId);
        if (region == null) return; // no database's Linode
        Optional<DeclaredFirewall> inbound = rules.map(DeclaredFirewall::inboundOf);
        firewallApplier.schedule(() -> {
            try {
                world.enforceDatabaseFirewall(region, inbound);
            } catch (RuntimeException e) {
                // the relays keep the previous rules: say so loudly, the drill would measure a friendlier world
                LOG.log(System.Logger.Level.ERROR, "the twin cannot enforce the firewall the Linode API holds for "
                        + TwinWorld.host(region) + " (" + e.getMessage() + "); its relays keep the previous rules");
            }
        }, FIREWALL_APPLY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    public LinodeApiSimulator simulator() { return simulator; }

    public DnsZone zone() { return zone; }

    /** The simulator's id of {@code region}'s database firewall. */
    public long firewallId(String region) {
        return firewallIds.get(region);
    }

    /** The real Linode client as a process in {@code place} uses it: through the WAN from that place. */
    public LinodeClient clientFrom(String place) {
        InetSocketAddress relay = relays.computeIfAbsent(place, p -> {
            URI url = simulator.apiUrl();
            return world.wan().exposeFor(p, "linode-api", TwinWorld.API, new InetSocketAddress(url.getHost(), url.getPort()))
                    .address();
        });
        return LinodeClient.builder().apiUrl("http://" + relay.getHostString() + ":" + relay.getPort() + "/v4")
                .token(token).build();
    }

    /** The address the shop's apex A record points at now (read from the simulator's state: costs no request). */
    public String apexTarget() {
        for (DnsRecord r : simulator.records(zone.domain())) if ("A".equals(r.type()) && r.name().isEmpty()) return r.target();
        return null;
    }

    /**
     * Each observer's fresh vote ("up"/"down") about {@code target} from the {@code _shopdr-vote-<observer>} TXT
     * records; votes older than {@code staleAfter} are left out, as the quorum leaves them out. Read from the
     * simulator's state: the drill's looking costs no request against the controllers' rate limits.
     */
    public Map<String, String> freshVotes(String target, java.time.Duration staleAfter) {
        Map<String, String> votes = new LinkedHashMap<>();
        java.time.Instant now = java.time.Instant.now();
        for (DnsRecord r : simulator.records(zone.domain())) {
            if (!"TXT".equals(r.type()) || !r.name().startsWith("_shopdr-vote-")) continue;
            try {
                JsonNode v = JSON.readTree(r.target());
                if (!target.equals(v.path("target").asText())) continue;
                String at = v.path("at").asText(null);
                if (at != null && java.time.Instant.parse(at).plus(staleAfter).isBefore(now)) continue;
                votes.put(v.path("observer").asText(r.name().substring("_shopdr-vote-".length())),
                        v.path("state").asText("unknown"));
            } catch (Exception e) {
                // a record that is not a vote is not drawn
            }
        }
        return votes;
    }

    @Override
    public void close() {
        firewallApplier.shutdownNow();
        simulator.close();
    }
}
