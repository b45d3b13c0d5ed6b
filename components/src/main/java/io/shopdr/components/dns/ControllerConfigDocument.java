package io.shopdr.components.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopdr.components.database.DatabaseEndpoint;
import io.shopdr.components.database.ReplicatedDatabase;
import io.shopdr.components.database.ReplicatedDatabaseOutputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the failover controller's config file (JSON with exactly the keys the agent's
 * {@code ControllerConfigFile} reads; it refuses unknown keys) for the controller of one region, which learns
 * its own region from {@code --region}: a pure function, so what each region's controller is told is unit-tested.
 * It holds no secret: passwords and the Linode token reach the controller as environment variables from a
 * Kubernetes Secret ({@link FailoverDns#ENV_LINODE_TOKEN} etc.).
 *
 * <p>Each region's controller reaches its own region's database over the private network (the database
 * firewall admits the private network) and the other regions' over their public IPs. Every region also carries
 * {@code publicDatabase}, the address the other regions reach it at: replicas re-pointed during a failover
 * replicate from it, never from a private IP in another data centre (issue 14, defect 5).
 */
public final class ControllerConfigDocument {
    /** Where the ConfigMap is mounted in the controller container. */
    public static final String CONFIG_DIR = "/etc/shopdr";
    /** The config file the controller is started with ({@code --config}). */
    public static final String CONFIG_FILE = CONFIG_DIR + "/controller.json";
    /** The database CA certificate (PEM) beside it. */
    public static final String CA_FILE = CONFIG_DIR + "/ca.pem";
    /** Where incidents are written (an emptyDir; the controller also logs them). */
    public static final String INCIDENT_DIR = "/var/lib/shopdr/incidents";
    /** Port of the controller's /healthz and /metrics. */
    public static final int METRICS_PORT = 9090;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ControllerConfigDocument() {}

    /**
     * The config document of {@code region}'s controller.
     *
     * @param ingressIps   resolved ingress IPv4 per region
     * @param ingressIpv6s resolved ingress IPv6 per region (may lack regions)
     * @param database     the database output bag (only non-secret fields are used)
     */
    public static String render(FailoverDnsArgs args, String region, Map<String, String> ingressIps,
                                Map<String, String> ingressIpv6s, ReplicatedDatabaseOutputs database) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("domain", args.domain());
        doc.put("hostHeader", args.domain());
        doc.put("recordNames", args.recordNames());
        doc.put("recordTtl", args.ttl());
        doc.put("probeScheme", args.probeScheme());
        doc.put("probePath", args.probePath());
        List<Map<String, Object>> regions = new ArrayList<>();
        for (String r : args.regions()) {
            DatabaseEndpoint db = database.endpoints().get(r);
            if (db == null) {
                throw new IllegalArgumentException("database: the ReplicatedDatabase has no endpoint for region " + r
                        + "; give both components the same regions");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", r);
            entry.put("ingressIp", ingressIps.get(r));
            entry.put("ingressIpv6", ingressIpv6s.get(r));
            entry.put("database", (r.equals(region) ? db.privateIp() : db.publicIp()) + ":" + db.port());
            entry.put("publicDatabase", db.publicIp() + ":" + db.port());
            entry.put("firewallId", db.firewallId());
            regions.add(entry);
        }
        doc.put("regions", regions);
        doc.put("witnesses", args.witnesses());
        doc.put("probeInterval", Duration.ofSeconds(args.probeIntervalSeconds()).toString());
        doc.put("failureThreshold", args.failureThreshold());
        doc.put("successThreshold", args.successThreshold());
        doc.put("holdDown", Duration.ofSeconds(args.holdDownSeconds()).toString());
        doc.put("autoFailback", false);
        doc.put("adminUser", database.adminUser());
        doc.put("replicationUser", database.replicationUser());
        doc.put("caFile", CA_FILE);
        // Replicas re-pointed during a failover read the CA from the database servers' own disk, not the pod's.
        doc.put("serverCaPath", ReplicatedDatabase.SERVER_CA_PATH);
        doc.put("incidentDir", INCIDENT_DIR);
        doc.put("metricsPort", METRICS_PORT);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the controller config", e);
        }
    }
}
