package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The twin's Linode API: the simulator, enforcing Linode's per-user rate limits, in its own WAN place
 * ({@link TwinWorld#API}), holding the shop's zone with the records and TTLs the program declares (each region's
 * ingress address replaced by its twin address; AAAA records left out: the twin has no IPv6) and one Cloud
 * Firewall per region's database with the declared rules (the controllers' firewall fence edits these). Every
 * process reaches it through a relay pinned to its own place, so each API call pays its region's round trip.
 */
public final class TwinLinodeApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwinWorld world;
    private final LinodeApiSimulator simulator;
    private final String token = "twin-" + UUID.randomUUID();
    private final Map<String, Long> firewallIds = new LinkedHashMap<>();
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
        try {
            DnsZone zone = sim.addZone(spec.domain());
            TwinLinodeApi api = new TwinLinodeApi(world, sim, zone);
            sim.addToken(api.token, LinodeApiSimulator.ALL_SCOPES);
            Map<String, String> regionOfIngress = new LinkedHashMap<>();
            spec.region().forEach((r, s) -> regionOfIngress.put(s.ingressIp(), r));
            for (TwinSpec.DeclaredRecord r : spec.records()) {
                if ("AAAA".equals(r.type())) continue;
                String region = regionOfIngress.get(r.target());
                sim.addRecord(zone, DnsRecord.of(r.type(), r.name(), region == null ? r.target() : world.ingressIp(region),
                        r.ttlSeconds()));
            }
            LinodeClient setup = LinodeClient.builder().apiUrl(sim.apiUrl()).token(api.token).build();
            for (String region : spec.regions()) {
                DeclaredFirewall fw = spec.region().get(region).databaseFirewall();
                List<FirewallRule> rules = new ArrayList<>();
                for (DeclaredFirewall.Rule rule : fw.rules()) {
                    rules.add(new FirewallRule(rule.label(), rule.action(), rule.protocol(), rule.ports(), rule.ipv4s(), List.of()));
                }
                api.firewallIds.put(region, setup.createFirewall("db-fw-" + region,
                        new FirewallRules(fw.inboundPolicy(), rules, "ACCEPT", List.of())).id());
            }
            sim.clearRequests();
            return api;
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
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
        simulator.close();
    }
}
