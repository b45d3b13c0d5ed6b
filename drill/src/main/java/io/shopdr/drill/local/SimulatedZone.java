package io.shopdr.drill.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local drill's DNS: Linode's API stand-in ({@link LinodeApiSimulator}) holding the shop's zone, read and
 * written only through the real {@link LinodeClient}, so the controllers run the same code path as against Linode.
 * It also answers "what does the shop's name resolve to now" for the load generator, from a view refreshed every
 * {@code refresh} (a fresh resolver with a tiny cache, so the DNS switch is seen within that period). That view is
 * read from the simulator's state, not its API: the drill's own looking must not count against the per-user rate
 * limits the controllers' requests are measured against.
 */
public final class SimulatedZone implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinodeApiSimulator simulator;
    private final LinodeClient client;
    private final DnsZone zone;
    private final long refreshMs;
    private volatile List<DnsRecord> view = List.of();
    private volatile long viewAtNanos;

    private SimulatedZone(LinodeApiSimulator simulator, LinodeClient client, DnsZone zone, long refreshMs) {
        this.simulator = simulator;
        this.client = client;
        this.zone = zone;
        this.refreshMs = refreshMs;
    }

    /** Starts the simulator with a zone for {@code domain} whose apex A record points at {@code primaryIngressIp}. */
    public static SimulatedZone start(String domain, String primaryIngressIp, Duration refresh) {
        LinodeApiSimulator sim = LinodeApiSimulator.start();
        try {
            String token = "drill-" + UUID.randomUUID();
            sim.addToken(token, LinodeApiSimulator.ALL_SCOPES);
            DnsZone z = sim.addZone(domain);
            LinodeClient client = LinodeClient.builder().apiUrl(sim.apiUrl()).token(token).build();
            DnsZone found = client.zone(domain);
            client.create(found, DnsRecord.of("A", "", primaryIngressIp, 30));
            return new SimulatedZone(sim, client, z, refresh.toMillis());
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /** The real Linode client pointed at the simulator (what the controllers use). */
    public LinodeClient client() { return client; }
    public LinodeApiSimulator simulator() { return simulator; }
    public DnsZone zone() { return zone; }

    private List<DnsRecord> records() {
        long now = System.nanoTime();
        if (now - viewAtNanos > refreshMs * 1_000_000L) {
            synchronized (this) {
                if (now - viewAtNanos > refreshMs * 1_000_000L) {
                    try {
                        view = simulator.records(zone.domain());
                    } catch (RuntimeException e) {
                        // keep the last answer, as a resolver's cache would
                    }
                    viewAtNanos = System.nanoTime();
                }
            }
        }
        return view;
    }

    /** The address the shop's apex A record points at now (null when there is none). */
    public String resolve() {
        for (DnsRecord r : records()) if ("A".equals(r.type()) && r.name().isEmpty()) return r.target();
        return null;
    }

    /**
     * Each observer's fresh vote ("up"/"down") about region {@code target} from the {@code _shopdr-vote-<observer>}
     * TXT records (one per observer and target); votes written longer ago than {@code staleAfter} are left out, as
     * the quorum leaves them out.
     */
    public Map<String, String> freshVotes(String target, Duration staleAfter) {
        Map<String, String> votes = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (DnsRecord r : records()) {
            if (!"TXT".equals(r.type()) || !r.name().startsWith("_shopdr-vote-")) continue;
            try {
                JsonNode v = JSON.readTree(r.target());
                if (!target.equals(v.path("target").asText())) continue;
                String at = v.path("at").asText(null);
                if (at != null && Instant.parse(at).plus(staleAfter).isBefore(now)) continue;
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
