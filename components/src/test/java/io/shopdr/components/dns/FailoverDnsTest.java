package io.shopdr.components.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.linode.DomainRecordArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.components.database.ReplicatedDatabase;
import io.shopdr.components.database.ReplicatedDatabaseArgs;
import io.shopdr.sim.pulumi.CloudMocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.shopdr.sim.pulumi.CloudMocks.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FailoverDns under the Pulumi mock engine, fed by a real ReplicatedDatabase. */
class FailoverDnsTest {
    static final String RECORD = "linode:index/domainRecord:DomainRecord";
    static final String DOMAIN = "linode:index/domain:Domain";
    static final String TOKEN = "linode:index/token:Token";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    static final Map<String, String> INGRESS = Map.of("us-east", "198.51.100.1", "eu-west", "198.51.100.2",
            "ap-south", "198.51.100.3");

    private final CloudMocks cloud = new CloudMocks();
    /** Linode stores this TTL for records instead of the requested one (null: as requested). */
    private Integer storedTtl;
    private final List<ResourceTransformation.Args> children = new CopyOnWriteArrayList<>();
    private FailoverDns dns;
    private ReplicatedDatabase db;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private final List<Mocks.CallArgs> calls = new CopyOnWriteArrayList<>();

    private Mocks mocks() {
        return new Mocks() {
            @Override
            public java.util.concurrent.CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                return cloud.newResourceAsync(args).thenApply(r -> {
                    if (storedTtl != null && args.type.equals(RECORD)) {
                        @SuppressWarnings("unchecked")
                        var state = new HashMap<>((Map<String, Object>) r.state);
                        state.put("ttlSec", storedTtl);
                        return Mocks.ResourceResult.of(r.id, state);
                    }
                    return r;
                });
            }

            @Override
            public java.util.concurrent.CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
                calls.add(args);
                if (args.token.equals("linode:index/getDomain:getDomain")) {
                    return java.util.concurrent.CompletableFuture.completedFuture(Map.of("id", 777,
                            "domain", args.args.get("domain"), "type", "master", "status", "active",
                            "soaEmail", "hostmaster@shop.example.com"));
                }
                return java.util.concurrent.CompletableFuture.completedFuture(Map.of());
            }
        };
    }

    private TestResult run(Consumer<FailoverDnsArgs.Builder> customize) {
        return run(customize, ctx -> { });
    }

    private TestResult run(Consumer<FailoverDnsArgs.Builder> customize, Consumer<Context> exports) {
        return PulumiTestInternal.builder().mocks(mocks()).build().runTest(ctx -> {
            db = new ReplicatedDatabase("db", ReplicatedDatabaseArgs.builder().regions(REGIONS)
                    .adminPassword("admin-secret-pw").replicationPassword("repl-secret-pw").appPassword("app-secret-pw")
                    .build());
            Map<String, Provider> providers = new LinkedHashMap<>();
            Map<String, Output<String>> ingress = new LinkedHashMap<>();
            for (String r : REGIONS) {
                providers.put(r, new Provider("k8s-" + r, ProviderArgs.builder().kubeconfig("kubeconfig-" + r).build()));
                ingress.put(r, Output.of(INGRESS.get(r)));
            }
            var builder = FailoverDnsArgs.builder().domain("shop.example.com").regions(REGIONS)
                    .ingressIps(ingress).clusterProviders(providers).database(db.outputs())
                    .tokenExpiry("2099-01-01T00:00:00Z");
            customize.accept(builder);
            dns = new FailoverDns("dns", builder.build(), ComponentResourceOptions.builder()
                    .resourceTransformations(a -> {
                        children.add(a);
                        return Optional.empty();
                    }).build());
            exports.accept(ctx);
        });
    }

    private static void ok(TestResult r) {
        assertEquals(0, r.exitCode(), () -> r.exceptions().toString());
    }

    @Test
    void recordsPointAtThePrimaryIngressWithTtl30InTheCreatedZone() {
        ok(run(b -> b.ingressIpv6s(Map.of("us-east", Output.of("2001:db8::1")))));
        var zone = cloud.find(DOMAIN, "dns-zone");
        assertEquals("shop.example.com", input(zone, "domain"));
        assertEquals("master", input(zone, "type"));
        assertEquals("hostmaster@shop.example.com", input(zone, "soaEmail"));
        String zoneId = PulumiTest.extractValue(dns.domainId()).toString();
        assertEquals(4, cloud.ofType(RECORD).size(), "A + AAAA for the apex and www");
        for (String name : List.of("apex", "www")) {
            var a = cloud.find(RECORD, "dns-a-" + name);
            assertEquals("A", input(a, "recordType"));
            assertEquals(name.equals("apex") ? "" : name, input(a, "name"));
            assertEquals("198.51.100.1", input(a, "target"), "the primary region's ingress");
            assertEquals(30.0, input(a, "ttlSec"));
            assertEquals(Double.valueOf(zoneId), input(a, "domainId"));
            assertEquals("2001:db8::1", input(cloud.find(RECORD, "dns-aaaa-" + name), "target"));
        }
    }

    @Test
    void existingZoneIsUsedByIdAndNotCreated() {
        ok(run(b -> b.existingDomainId(4321)));
        assertTrue(cloud.ofType(DOMAIN).isEmpty());
        assertEquals(2, cloud.ofType(RECORD).size(), "A for the apex and www, no AAAA without IPv6");
        for (var rec : cloud.ofType(RECORD)) {
            assertEquals(4321.0, input(rec, "domainId"));
        }
    }

    @Test
    void existingZoneIsLookedUpByName() {
        ok(run(b -> b.lookUpDomain(true)));
        assertTrue(cloud.ofType(DOMAIN).isEmpty());
        assertEquals(1, calls.size());
        assertEquals("shop.example.com", calls.get(0).args.get("domain"));
        assertEquals(777, PulumiTest.extractValue(dns.domainId()));
        for (var rec : cloud.ofType(RECORD)) {
            assertEquals(777.0, input(rec, "domainId"));
        }
    }

    @Test
    void recordTargetsAreIgnoredAfterCreationSoADeployNeverFlipsDnsBack() {
        ok(run(b -> { }));
        int records = 0;
        for (var child : children) {
            if (child.args() instanceof DomainRecordArgs) {
                records++;
                assertEquals(List.of("target"), child.options().getIgnoreChanges());
            } else {
                assertFalse(child.options().getIgnoreChanges().contains("target"));
            }
        }
        assertEquals(2, records);
    }

    @Test
    void tokenHasOnlyDomainsAndFirewallReadWriteAndAnExpiry() {
        ok(run(b -> { }));
        var tokens = cloud.ofType(TOKEN);
        assertEquals(1, tokens.size());
        String scopes = (String) input(tokens.get(0), "scopes");
        assertEquals(List.of("domains:read_write", "firewall:read_write"), List.of(scopes.split(",")));
        assertFalse(scopes.contains("*"));
        assertEquals("2099-01-01T00:00:00Z", input(tokens.get(0), "expiry"));
        assertEquals("2099-01-01T00:00:00Z", PulumiTest.extractValue(dns.tokenExpiry()));
        assertTrue(Internal.of(dns.controllerToken()).isSecret().join());
    }

    @Test
    void defaultTokenExpiryIsFixedWithinAYearAndLeavesMoreThanAYear() {
        ok(run(b -> b.tokenExpiry(null).clock(java.time.Clock.fixed(java.time.Instant.parse("2026-11-26T10:00:00Z"),
                java.time.ZoneOffset.UTC))));
        assertEquals("2028-01-01T00:00:00Z", input(cloud.ofType(TOKEN).get(0), "expiry"));
        PulumiTest.cleanup();
        children.clear();
        ok(run(b -> b.tokenExpiry(null).clock(java.time.Clock.fixed(java.time.Instant.parse("2027-01-01T00:00:01Z"),
                java.time.ZoneOffset.UTC))));
        assertEquals("2029-01-01T00:00:00Z", PulumiTest.extractValue(dns.tokenExpiry()));
    }

    @Test
    void oneControllerPerRegionEachThroughItsOwnClusterProvider() {
        ok(run(b -> { }));
        assertEquals(3, cloud.ofType(DEPLOYMENT).size());
        for (String region : REGIONS) {
            for (String type : List.of("kubernetes:core/v1:Namespace", "kubernetes:core/v1:ServiceAccount",
                    "kubernetes:core/v1:Secret", "kubernetes:core/v1:ConfigMap", DEPLOYMENT)) {
                var found = cloud.ofType(type).stream().filter(r -> r.name.endsWith("-" + region)).toList();
                assertEquals(1, found.size(), type + " in " + region);
                String provider = found.get(0).provider;
                assertTrue(provider != null && provider.contains("pulumi:providers:kubernetes::k8s-" + region + "::"),
                        type + " in " + region + " must go through that region's provider, got " + provider);
            }
            var d = cloud.find(DEPLOYMENT, "dns-controller-" + region);
            assertEquals(FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE, input(d, "spec.template.spec.containers.0.image"));
            assertEquals(List.of("controller", "--region", region, "--config", "/etc/shopdr/controller.json"),
                    input(d, "spec.template.spec.containers.0.args"));
            assertEquals(1.0, input(d, "spec.replicas"));
            assertEquals("Recreate", input(d, "spec.strategy.type"));
            assertEquals("shopdr-controller", input(d, "spec.template.spec.containers.0.envFrom.0.secretRef.name"));
            assertEquals("shopdr-controller", input(d, "spec.template.spec.serviceAccountName"));
            assertEquals("shopdr", input(d, "metadata.namespace"));
        }
    }

    @Test
    void namespaceCanBeLeftToAnotherComponent() {
        ok(run(b -> b.createNamespace(false).namespace("shop-system")));
        assertTrue(cloud.ofType("kubernetes:core/v1:Namespace").isEmpty());
        for (var d : cloud.ofType(DEPLOYMENT)) {
            assertEquals("shop-system", input(d, "metadata.namespace"));
        }
    }

    @Test
    void controllerImageIsConfigurable() {
        ok(run(b -> b.controllerImage("registry.example.com/shopdr/controller:1.2.3")));
        for (var d : cloud.ofType(DEPLOYMENT)) {
            assertEquals("registry.example.com/shopdr/controller:1.2.3", input(d, "spec.template.spec.containers.0.image"));
        }
    }

    @Test
    void defaultImageIsWhatThisBuildPublishesToGhcrForItsVersion() {
        // the pom's version, filtered into build.properties: never a literal in the code
        assertEquals(io.shopdr.components.BuildInfo.version(),
                FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE.substring(FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE.lastIndexOf(':') + 1));
        assertTrue(FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE.matches("ghcr\\.io/[a-z0-9-]+/shopdr-controller:.+"),
                FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE);
        assertFalse(io.shopdr.components.BuildInfo.version().contains("${"), "filtered by Maven");
    }

    @Test
    void privateControllerImageGetsARegistrySecretInEveryRegion() {
        String docker = "{\"auths\":{\"ghcr.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}";
        ok(run(b -> b.imagePullSecret(Output.ofSecret(docker))));
        for (String region : REGIONS) {
            var secret = cloud.find("kubernetes:core/v1:Secret", "dns-registry-" + region);
            assertEquals("kubernetes.io/dockerconfigjson", input(secret, "type"));
            assertEquals(FailoverDns.REGISTRY_SECRET, input(secret, "metadata.name"));
            assertEquals(docker, ((Map<?, ?>) input(secret, "stringData")).get(".dockerconfigjson"));
            var d = cloud.find(DEPLOYMENT, "dns-controller-" + region);
            assertEquals(FailoverDns.REGISTRY_SECRET, input(d, "spec.template.spec.imagePullSecrets.0.name"));
        }
    }

    @Test
    void publicControllerImageNeedsNoPullSecret() {
        ok(run(b -> { }));
        assertTrue(cloud.ofType("kubernetes:core/v1:Secret").stream().noneMatch(r -> r.name.startsWith("dns-registry-")));
        for (var d : cloud.ofType(DEPLOYMENT)) {
            assertEquals(List.of(), input(d, "spec.template.spec.imagePullSecrets"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void credentialsTravelOnlyInASecretAndTheConfigMapHasNone() {
        ok(run(b -> { }));
        int secrets = 0;
        for (var child : children) {
            if (child.args() instanceof SecretArgs sa) {
                secrets++;
                assertTrue(Internal.of(sa.stringData().orElseThrow()).isSecret().join(), "Secret data must be a Pulumi secret");
            }
        }
        assertEquals(3, secrets);
        var secret = cloud.find("kubernetes:core/v1:Secret", "dns-secret-eu-west");
        var data = (Map<String, Object>) secret.inputs.get("stringData");
        assertEquals(PulumiTest.extractValue(dns.controllerToken()), data.get(FailoverDns.ENV_LINODE_TOKEN));
        assertEquals("admin-secret-pw", data.get(FailoverDns.ENV_DB_ADMIN_PASSWORD));
        assertEquals("repl-secret-pw", data.get(FailoverDns.ENV_DB_REPLICATION_PASSWORD));
        assertFalse(data.containsValue("app-secret-pw"), "the controller does not need the app password");

        var config = cloud.find("kubernetes:core/v1:ConfigMap", "dns-config-eu-west");
        var files = (Map<String, Object>) config.inputs.get("data");
        for (Object content : files.values()) {
            for (String secretValue : List.of("admin-secret-pw", "repl-secret-pw", "app-secret-pw",
                    (String) data.get(FailoverDns.ENV_LINODE_TOKEN))) {
                assertFalse(((String) content).contains(secretValue), "ConfigMap leaks a secret");
            }
        }
        assertEquals(PulumiTest.extractValue(db.caCertificate()), files.get("ca.pem"));
    }

    @Test
    void eachControllerReachesItsOwnDatabasePrivatelyAndTheOthersPublicly() throws Exception {
        ok(run(b -> { }));
        var endpoints = PulumiTest.extractValue(db.endpoints());
        for (String region : REGIONS) {
            var config = cloud.find("kubernetes:core/v1:ConfigMap", "dns-config-" + region);
            @SuppressWarnings("unchecked")
            JsonNode doc = new ObjectMapper().readTree((String) ((Map<String, Object>) config.inputs.get("data")).get("controller.json"));
            assertEquals("shop.example.com", doc.get("domain").asText());
            assertEquals(30, doc.get("recordTtl").asInt());
            List<String> names = new ArrayList<>();
            for (JsonNode r : doc.get("regions")) {
                String name = r.get("name").asText();
                names.add(name);
                var e = endpoints.get(name);
                String host = name.equals(region) ? e.privateIp() : e.publicIp();
                assertEquals(host + ":3306", r.get("database").asText());
                assertEquals(e.firewallId(), r.get("firewallId").asInt());
                assertEquals(INGRESS.get(name), r.get("ingressIp").asText());
            }
            assertEquals(REGIONS, names, "first = primary, order kept");
        }
    }

    static final String INSTANCE = "linode:index/instance:Instance";
    static final String FIREWALL = "linode:index/firewall:Firewall";

    @SuppressWarnings("unchecked")
    private static JsonNode controllerConfig(Mocks.ResourceArgs configMap) throws Exception {
        return new ObjectMapper().readTree((String) ((Map<String, Object>) configMap.inputs.get("data")).get("controller.json"));
    }

    @Test
    void aWitnessLinodeInAThirdRegionRunsTheControllerAsAWitnessObserver() throws Exception {
        ok(run(b -> b.witness(WitnessArgs.in("us-ord"))));
        var witness = cloud.find(INSTANCE, "dns-witness");
        assertEquals("us-ord", input(witness, "region"));
        assertEquals("g6-nanode-1", input(witness, "type"));
        assertEquals("linode/debian12", input(witness, "image"));
        assertEquals("shopdr-stack-witness", input(witness, "label"));

        var parsed = io.shopdr.components.database.DatabaseCloudInitTest.parse(new String(java.util.Base64.getDecoder()
                .decode((String) input(witness, "metadatas.0.userData")), java.nio.charset.StandardCharsets.UTF_8));
        String unit = parsed.contents().get("/etc/systemd/system/" + WitnessCloudInit.SERVICE);
        assertTrue(unit.contains(FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE + " controller --region witness-us-ord --config "
                + ControllerConfigDocument.CONFIG_FILE), unit);
        JsonNode config = new ObjectMapper().readTree(parsed.contents().get(WitnessCloudInit.CONFIG_FILE));
        assertEquals(List.of("witness-us-ord"), List.of(config.get("witnesses").get(0).asText()));
        assertEquals(REGIONS.size(), config.get("regions").size(), "the witness probes every region");

        // its own token, DNS only: it votes and never fences
        var token = cloud.find(TOKEN, "dns-witness-token");
        assertEquals(FailoverDns.WITNESS_TOKEN_SCOPES, input(token, "scopes"));
        assertEquals("domains:read_write", FailoverDns.WITNESS_TOKEN_SCOPES);
        assertEquals("2099-01-01T00:00:00Z", input(token, "expiry"));
        String env = parsed.contents().get(WitnessCloudInit.ENV_FILE);
        assertTrue(env.matches("LINODE_TOKEN=mock-token-\\d+\n"), env);
        String tokenValue = env.substring("LINODE_TOKEN=".length()).trim();
        assertNotEquals(PulumiTest.extractValue(dns.controllerToken()), tokenValue, "not the regions' controllers' token");
        assertEquals("0600", parsed.permissions().get(WitnessCloudInit.ENV_FILE));
        assertFalse(unit.contains(tokenValue), "never on a command line");

        int secretUserData = 0;
        for (var child : children) {
            if (child.args() instanceof com.pulumi.linode.InstanceArgs ia && child.resource().pulumiResourceName().equals("dns-witness")) {
                var meta = PulumiTest.extractValue(ia.metadatas().orElseThrow()).get(0);
                assertTrue(Internal.of(meta.userData().orElseThrow()).isSecret().join(), "the user data holds the token");
                secretUserData++;
            }
        }
        assertEquals(1, secretUserData);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWitnessAdmitsNothingInboundAndNoDatabaseAdmitsIt() {
        ok(run(b -> b.witness(WitnessArgs.in("us-ord"))));
        var witness = cloud.find(INSTANCE, "dns-witness");
        var fw = cloud.find(FIREWALL, "dns-witness-fw");
        assertEquals("DROP", input(fw, "inboundPolicy"));
        assertEquals("ACCEPT", input(fw, "outboundPolicy"), "it probes the regions' ingress and calls the Linode API");
        Object inbounds = fw.inputs.get("inbounds");
        assertTrue(inbounds == null || ((List<Object>) inbounds).isEmpty(), "no inbound rule, not even SSH: " + inbounds);
        String id = PulumiTest.extractValue(dns.witness().orElseThrow().id());
        assertEquals(List.of(Double.valueOf(id)), fw.inputs.get("linodes"));
        String ip = PulumiTest.extractValue(dns.witness().orElseThrow().ipAddress());
        for (var dbFirewall : cloud.ofType(FIREWALL)) {
            if (dbFirewall != fw) {
                assertFalse(dbFirewall.inputs.toString().contains(ip), "a witness has no database access: " + dbFirewall.name);
            }
        }
        assertTrue(witness.inputs.get("label").toString().length() <= 32);
    }

    @Test
    void everyControllersConfigListsTheDeployedWitness() throws Exception {
        ok(run(b -> b.witnesses(List.of("probe-ams")).witness(WitnessArgs.in("us-ord"))));
        for (String region : REGIONS) {
            JsonNode doc = controllerConfig(cloud.find("kubernetes:core/v1:ConfigMap", "dns-config-" + region));
            List<String> witnesses = new ArrayList<>();
            doc.get("witnesses").forEach(w -> witnesses.add(w.asText()));
            assertEquals(List.of("probe-ams", "witness-us-ord"), witnesses, region);
        }
    }

    @Test
    void noWitnessIsDeployedUnlessAsked() {
        ok(run(b -> { }));
        assertTrue(cloud.ofType(INSTANCE).stream().noneMatch(r -> r.name.startsWith("dns-")), "only the databases");
        assertTrue(dns.witness().isEmpty());
    }

    @Test
    void storedTtlIsReadBackAndADifferenceIsReported() {
        ok(run(b -> { }, ctx -> ctx.export("ttls", dns.storedTtls())));
        assertEquals(Map.of("A @", 30, "A www", 30), PulumiTest.extractValue(dns.storedTtls()));
        assertEquals(List.of(), PulumiTest.extractValue(dns.ttlWarnings()));
        PulumiTest.cleanup();
        storedTtl = 300;
        ok(run(b -> { }));
        assertEquals(Map.of("A @", 300, "A www", 300), PulumiTest.extractValue(dns.storedTtls()));
        var warnings = PulumiTest.extractValue(dns.ttlWarnings());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("requested ttl 30 s, Linode stored 300 s"), warnings.toString());
    }

    @Test
    void missingProviderOrIngressFailsNamingTheRegion() {
        var r = run(b -> b.clusterProviders(Map.of()).ingressIps(Map.of("us-east", Output.of("198.51.100.1"))));
        assertNotEquals(0, r.exitCode());
        String m = r.exceptions().toString();
        assertTrue(m.contains("clusterProviders: no Kubernetes provider for region eu-west"), m);
        assertTrue(m.contains("ingressIps: no ingress IP for region ap-south"), m);
        assertTrue(cloud.ofType(DEPLOYMENT).isEmpty() && cloud.ofType(RECORD).isEmpty(), "nothing half-declared");
    }
}
