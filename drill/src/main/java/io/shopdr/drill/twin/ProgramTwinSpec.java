package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.drill.DrillException;
import io.shopdr.program.App;
import io.shopdr.sim.pulumi.CloudMocks;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.shopdr.sim.pulumi.CloudMocks.input;

/**
 * Runs the real program ({@link App#stack}) under Pulumi's mock engine with a stack config and captures what it
 * declares into a {@link TwinSpec}: each database server's rendered cloud-init, each database firewall, each
 * region's controller config document, the shop's records and TTLs, the database stack output. Nothing here knows
 * how those are rendered: a change to the program changes the twin.
 */
public final class ProgramTwinSpec {
    static final String INSTANCE = "linode:index/instance:Instance";
    static final String FIREWALL = "linode:index/firewall:Firewall";
    static final String RECORD = "linode:index/domainRecord:DomainRecord";
    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    static final String SECRET = "kubernetes:core/v1:Secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgramTwinSpec() {}

    /** Runs the program on {@code config}; a config the program refuses fails with the program's own message. */
    public static synchronized TwinSpec declare(StackConfig config) {
        CloudMocks mocks = CloudMocks.deterministic();
        TestResult result;
        try {
            result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().stackName(config.stackName()).projectName("shopdr").build())
                    .mocks(mocks)
                    .config(config.values(), config.secretKeys())
                    .build()
                    .runTest(App::stack);
            if (result.exitCode() != 0) {
                throw new DrillException("the program refused the stack config " + config.stackName() + ": "
                        + result.exceptions().stream().map(e -> String.valueOf(e.getMessage())).collect(Collectors.joining("; ")));
            }
            return capture(config, mocks, result);
        } finally {
            PulumiTest.cleanup();
        }
    }

    @SuppressWarnings("unchecked")
    private static TwinSpec capture(StackConfig config, CloudMocks mocks, TestResult result) {
        List<String> regions = (List<String>) PulumiTest.extractValue(result.output("regions", List.class));
        String primary = PulumiTest.extractValue(result.output("primaryRegion", String.class));
        Map<String, Object> database = PulumiTest.extractValue(result.output("database", Map.class));
        Map<String, String> ingress = PulumiTest.extractValue(result.output("ingressIps", Map.class));
        Map<String, Object> endpoints = (Map<String, Object>) database.get("endpoints");

        Map<String, TwinSpec.RegionSpec> byRegion = new LinkedHashMap<>();
        String firstConfig = null;
        for (String region : regions) {
            var instance = mocks.find(INSTANCE, "db-db-" + region);
            DatabaseServerFiles files = DatabaseServerFiles.fromUserData(region,
                    String.valueOf(input(instance, "metadatas.0.userData")));
            DeclaredFirewall firewall = firewall(mocks.find(FIREWALL, "db-db-fw-" + region));
            Map<String, Object> ep = (Map<String, Object>) endpoints.get(region);
            // "controller.json" is one key (input() splits paths on dots)
            Map<String, Object> configData = (Map<String, Object>) input(mocks.find(CONFIG_MAP, "dns-config-" + region), "data");
            String controllerConfig = String.valueOf(configData.get("controller.json"));
            if (firstConfig == null) firstConfig = controllerConfig;
            byRegion.put(region, new TwinSpec.RegionSpec(region, files, firewall, String.valueOf(ep.get("publicIp")),
                    String.valueOf(ep.get("privateIp")), ((Number) ep.get("port")).intValue(),
                    ((Number) ep.get("firewallId")).longValue(), ingress.get(region), controllerConfig));
        }
        JsonNode doc = parse(firstConfig);
        List<TwinSpec.DeclaredRecord> records = new ArrayList<>();
        for (var r : mocks.ofType(RECORD)) {
            records.add(new TwinSpec.DeclaredRecord(String.valueOf(input(r, "name")), String.valueOf(input(r, "recordType")),
                    String.valueOf(input(r, "target")), ((Number) input(r, "ttlSec")).intValue()));
        }
        List<String> witnesses = new ArrayList<>();
        doc.path("witnesses").forEach(w -> witnesses.add(w.asText()));
        var credentials = mocks.find(SECRET, primary + "-db-credentials");
        TwinSpec.AppAccount app = new TwinSpec.AppAccount(String.valueOf(input(credentials, "stringData.username")),
                String.valueOf(input(credentials, "stringData.password")), String.valueOf(database.get("databaseName")));
        return new TwinSpec(config.stackName(), doc.path("domain").asText(), String.valueOf(database.get("engine")),
                regions, primary, byRegion, records, Duration.parse(doc.path("probeInterval").asText()),
                doc.path("failureThreshold").asInt(), witnesses, database, app, nodeAddresses(mocks, result));
    }

    /**
     * Region → the addresses of its LKE nodes, asked of the mock engine exactly as the program asks
     * ({@code getInstanceNetworking} per node id of the {@code nodeIds} output).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> nodeAddresses(CloudMocks mocks, TestResult result) {
        Map<String, List<Number>> ids = PulumiTest.extractValue(result.output("nodeIds", Map.class));
        Map<String, List<String>> out = new LinkedHashMap<>();
        ids.forEach((region, list) -> {
            List<String> cidrs = new ArrayList<>();
            for (Number id : list) {
                Map<String, Object> networking = mocks.callAsync(new com.pulumi.test.Mocks.CallArgs(
                        "linode:index/getInstanceNetworking:getInstanceNetworking",
                        com.google.common.collect.ImmutableMap.of("linodeId", id.intValue()), null)).join();
                for (Object v4 : (List<Object>) networking.get("ipv4s")) {
                    for (String kind : List.of("publics", "privates")) {
                        for (Object a : (List<Object>) ((Map<String, Object>) v4).get(kind)) {
                            cidrs.add(((Map<String, Object>) a).get("address") + "/32");
                        }
                    }
                }
            }
            out.put(region, cidrs);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static DeclaredFirewall firewall(com.pulumi.test.Mocks.ResourceArgs fw) {
        List<DeclaredFirewall.Rule> rules = new ArrayList<>();
        Object inbounds = input(fw, "inbounds");
        if (inbounds instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> r = (Map<String, Object>) o;
                List<String> v4 = r.get("ipv4s") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
                rules.add(new DeclaredFirewall.Rule(String.valueOf(r.get("label")), String.valueOf(r.get("action")),
                        String.valueOf(r.get("protocol")), String.valueOf(r.get("ports")), v4));
            }
        }
        return new DeclaredFirewall(String.valueOf(input(fw, "inboundPolicy")), rules);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new DrillException("the controller config FailoverDns rendered is not JSON: " + e.getMessage());
        }
    }
}
