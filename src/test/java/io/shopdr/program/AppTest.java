package io.shopdr.program;

import com.pulumi.core.internal.Internal;
import com.pulumi.linode.Instance;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.components.region.RegionStack;
import io.shopdr.sim.pulumi.CloudMocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.shopdr.sim.pulumi.CloudMocks.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the program under the SDK's mock engine with stack config, as `pulumi preview` would. */
class AppTest {
    private final CloudMocks mocks = new CloudMocks();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static Map<String, String> config(Map<String, String> shopdr) {
        Map<String, String> c = new HashMap<>();
        shopdr.forEach((k, v) -> c.put("shopdr:" + k, v));
        return c;
    }

    static Set<String> secretKeys() {
        return StackSettings.REQUIRED_SECRETS.stream().map(k -> "shopdr:" + k).collect(Collectors.toSet());
    }

    private TestResult run(Map<String, String> shopdr, Set<String> secretKeys) {
        return PulumiTestInternal.builder().mocks(mocks).config(config(shopdr), secretKeys).build().runTest(App::stack);
    }

    private TestResult run(Map<String, String> shopdr) {
        TestResult result = run(shopdr, secretKeys());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        return result;
    }

    /** Config errors fail the run as RunException, which Pulumi prints as its message without a stack trace. */
    private static String errors(TestResult result) {
        assertNotEquals(0, result.exitCode());
        assertTrue(result.exceptions().stream().anyMatch(e -> e instanceof com.pulumi.exceptions.RunException)
                        && result.exceptions().stream().allMatch(e -> e instanceof com.pulumi.exceptions.RunException
                                || e.getCause() instanceof com.pulumi.exceptions.RunException),
                () -> "expected a RunException (message only), got " + result.exceptions());
        return result.exceptions().stream().map(e -> String.valueOf(e.getMessage())).collect(Collectors.joining("\n"));
    }

    @Test
    void exportsPrimaryRegionIngressIpsAndSecretKubeconfigs() {
        var result = run(StackSettingsTest.valid());
        assertEquals("us-east", PulumiTest.extractValue(result.output("primaryRegion", String.class)));
        assertEquals("shop.example.com", PulumiTest.extractValue(result.output("domain", String.class)),
                "the cloud drill reads the shop's name from the outputs");
        assertEquals(List.of("us-east", "eu-west"), PulumiTest.extractValue(result.output("regions", List.class)));
        @SuppressWarnings("unchecked")
        Map<String, String> ips = PulumiTest.extractValue(result.output("ingressIps", Map.class));
        assertEquals(List.of("us-east", "eu-west"), List.copyOf(ips.keySet()));
        assertTrue(ips.values().stream().allMatch(ip -> ip.matches("203\\.0\\.113\\.\\d+")), ips::toString);
        var kubeconfigs = result.output("kubeconfigs", Map.class);
        assertTrue(Internal.of(kubeconfigs).isSecret().join(), "kubeconfigs must be exported as a secret");
        assertTrue(String.valueOf(PulumiTest.extractValue(kubeconfigs).get("eu-west")).contains("kind: Config"));
        // region → the Linode ids of its LKE nodes, every pool's nodes, distinct between regions
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> nodeIds = PulumiTest.extractValue(result.output("nodeIds", Map.class));
        assertEquals(List.of("us-east", "eu-west"), List.copyOf(nodeIds.keySet()));
        nodeIds.forEach((region, ids) -> assertFalse(ids.isEmpty(), region + " has no node ids: " + nodeIds));
        assertTrue(java.util.Collections.disjoint(nodeIds.get("us-east"), nodeIds.get("eu-west")), nodeIds::toString);
    }

    @Test
    void oneRegionStackPerRegionEachWiredToItsOwnDatabase() {
        var result = run(StackSettingsTest.valid());
        assertEquals(Set.of("us-east", "eu-west"),
                mocks.ofType(RegionStack.TYPE).stream().map(r -> r.name).collect(Collectors.toSet()));
        for (String region : List.of("us-east", "eu-west")) {
            var instance = (Instance) result.resources().stream()
                    .filter(r -> r instanceof Instance && r.pulumiResourceName().equals("db-db-" + region))
                    .findFirst().orElseThrow();
            String privateIp = PulumiTest.extractValue(instance.privateIpAddress());
            var store = mocks.find("kubernetes:helm.sh/v3:Release", region + "-store");
            assertEquals(privateIp, input(store, "values.database.host"), region + " store must use its own region's DB");
            assertEquals(3306.0, input(store, "values.database.port"));
            assertEquals("shop", input(store, "values.database.name"));
            assertEquals(region, input(store, "values.region"));
            assertEquals("shop.example.com", input(store, "values.ingress.hosts.0.host"));
            var secret = mocks.find("kubernetes:core/v1:Secret", region + "-db-credentials");
            assertEquals("p", input(secret, "stringData.password"), "the app password from shopdr:dbAppPassword");
            assertEquals("shop", input(secret, "stringData.username"));
            var lke = mocks.find("linode:index/lkeCluster:LkeCluster", region + "-lke");
            assertEquals("1.31", input(lke, "k8sVersion"), "one Kubernetes version everywhere");
        }
        var otherIp = PulumiTest.extractValue(((Instance) result.resources().stream()
                .filter(r -> r instanceof Instance && r.pulumiResourceName().equals("db-db-eu-west"))
                .findFirst().orElseThrow()).privateIpAddress());
        assertNotEquals(otherIp, input(mocks.find("kubernetes:helm.sh/v3:Release", "us-east-store"), "values.database.host"));
    }

    @Test
    void exportsTheDatabaseDocumentAsASecretAndPointsDnsAtThePrimary() {
        var result = run(StackSettingsTest.valid());
        var database = result.output("database", Map.class);
        assertTrue(Internal.of(database).isSecret().join(), "the database output holds passwords");
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = PulumiTest.extractValue(database);
        assertEquals("us-east", doc.get("primaryRegion"));
        assertEquals("a", doc.get("adminPassword"));
        assertEquals(Set.of("us-east", "eu-west"), ((Map<?, ?>) doc.get("endpoints")).keySet());

        @SuppressWarnings("unchecked")
        Map<String, String> ips = PulumiTest.extractValue(result.output("ingressIps", Map.class));
        var records = mocks.ofType("linode:index/domainRecord:DomainRecord");
        assertFalse(records.isEmpty());
        for (var r : records) {
            if ("A".equals(input(r, "recordType"))) {
                assertEquals(ips.get("us-east"), input(r, "target"), r.name + " must point at the primary's ingress");
            }
        }
        var deployments = mocks.ofType("kubernetes:apps/v1:Deployment").stream()
                .filter(r -> r.name.startsWith("dns-controller-")).toList();
        assertEquals(2, deployments.size(), "one failover controller per region");
        for (var d : deployments) {
            assertTrue(d.provider.contains("-k8s::"), d.name + " uses " + d.provider);
        }
    }

    @Test
    void everyKubernetesResourceTargetsItsOwnRegionsClusterExplicitly() {
        run(StackSettingsTest.valid());
        var k8s = mocks.resources().stream().filter(r -> r.type.startsWith("kubernetes:")).toList();
        assertFalse(k8s.isEmpty());
        for (var r : k8s) {
            String region = r.name.startsWith("us-east") ? "us-east" : r.name.startsWith("eu-west") ? "eu-west" : null;
            assertTrue(r.provider != null && !r.provider.contains("default"), r.name + " uses " + r.provider);
            if (region != null) {
                assertTrue(r.provider.contains("::" + region + "-k8s::"), r.name + " uses " + r.provider);
            }
        }
    }

    @Test
    void onlyStandbyRegionsMirrorThePrimarysAssets() {
        var result = run(StackSettingsTest.valid());
        var jobs = mocks.ofType("kubernetes:batch/v1:CronJob");
        assertEquals(List.of("eu-west-asset-mirror"), jobs.stream().map(r -> r.name).toList());
        var args = (List<?>) input(jobs.get(0), "spec.jobTemplate.spec.template.spec.containers.0.args");
        assertEquals("primary:shop-example-com-assets-us-east", args.get(2));
        assertEquals("local:shop-example-com-assets-eu-west", args.get(3));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> assets = PulumiTest.extractValue(result.output("assets", Map.class));
        assertEquals("shop/asset-mirror", assets.get("eu-west").get("assetMirrorJob"));
        assertFalse(assets.get("us-east").containsKey("assetMirrorJob"));
        assertEquals("shop-example-com-assets-eu-west", assets.get("eu-west").get("bucketLabel"));
        assertEquals(2, mocks.ofType("linode:index/objectStorageBucket:ObjectStorageBucket").size());
        assertEquals(2, mocks.ofType("kubernetes:apps/v1:Deployment").stream().filter(r -> r.name.endsWith("-redis")).count(),
                "one Redis per region");
    }

    @Test
    void singleRegionFailsAtPreviewNamingTheKey() {
        var c = StackSettingsTest.valid();
        c.put("regions", "[\"us-east\"]");
        String errors = errors(run(c, secretKeys()));
        assertTrue(errors.contains("shopdr:regions"), errors);
        assertTrue(mocks.resources().isEmpty(), "nothing is declared from an invalid config");
    }

    @Test
    void everyConfigProblemIsOnePulumiErrorOneLineEach() {
        var c = StackSettingsTest.valid();
        c.put("regions", "[\"us-east\",\"moon-1\"]");
        c.put("dbAdminCidrs", "[\"office\"]");
        c.remove("domain");
        TestResult result = run(c, secretKeys());
        errors(result);
        String errors = result.exceptions().stream().filter(e -> e instanceof com.pulumi.exceptions.RunException)
                .findFirst().orElseThrow().getMessage();
        assertEquals("""
                invalid stack config (3 problems):
                  - shopdr:regions[1]: "moon-1" is not a Linode region id; use an id like us-east or eu-west (linode-cli regions list)
                  - shopdr:domain: is missing; pulumi config set shopdr:domain shop.example.com
                  - shopdr:dbAdminCidrs[0]: 'office' is not a CIDR block: it has no /prefix; write address/prefix, e.g. 203.0.113.7/32 or 2001:db8::/64""",
                errors);
        assertFalse(errors.contains("\tat "), "no stack trace");
        assertTrue(mocks.resources().isEmpty());
    }

    @Test
    void plainTextPasswordFailsAtPreviewNamingTheKey() {
        String errors = errors(run(StackSettingsTest.valid(), Set.of("shopdr:dbAdminPassword", "shopdr:dbReplicationPassword")));
        assertTrue(errors.contains("shopdr:dbAppPassword: is stored in plain text"), errors);
        assertFalse(errors.contains("=p"), errors);
        assertTrue(mocks.resources().isEmpty());
    }

    @Test
    void controllersRunTheConfiguredImageAndTheStoreGetsItToo() {
        Map<String, String> c = StackSettingsTest.valid();
        c.put("controllerImage", "ghcr.io/example/shopdr-controller:1.2.3");
        run(c);
        for (var d : mocks.ofType("kubernetes:apps/v1:Deployment")) {
            if (d.name.startsWith("dns-controller-")) {
                assertEquals("ghcr.io/example/shopdr-controller:1.2.3", input(d, "spec.template.spec.containers.0.image"));
            }
        }
        for (var store : mocks.ofType("kubernetes:helm.sh/v3:Release").stream().filter(r -> r.name.endsWith("-store")).toList()) {
            assertEquals("ghcr.io/example/shopdr-controller:1.2.3", input(store, "values.shopdrImage"),
                    "the reference storefront runs from the controller image");
        }
    }

    @Test
    void withoutTheKeyTheControllersRunThisBuildsImage() {
        run(StackSettingsTest.valid());
        var d = mocks.find("kubernetes:apps/v1:Deployment", "dns-controller-us-east");
        assertEquals(io.shopdr.components.dns.FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE,
                input(d, "spec.template.spec.containers.0.image"));
    }

    @Test
    void theHookRunsAsAJobInThePrimarysClusterWithTheDatabaseDocumentFromASecret() throws Exception {
        run(StackSettingsTest.valid());
        var job = mocks.find("kubernetes:batch/v1:Job", "hook-replicate");
        assertTrue(job.provider.contains("::us-east-k8s::"), "in the primary's cluster: " + job.provider);
        assertEquals(io.shopdr.components.dns.FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE,
                input(job, "spec.template.spec.containers.0.image"));
        assertEquals(List.of("replicate", "--outputs", PostDeployHook.OUTPUTS_FILE),
                input(job, "spec.template.spec.containers.0.args"));
        String name = (String) input(job, "metadata.name");
        assertTrue(name.matches("shopdr-replicate-[0-9a-f]{12}"), name);
        var secret = mocks.find("kubernetes:core/v1:Secret", "hook-outputs");
        assertEquals(name, input(job, "spec.template.spec.volumes.0.secret.secretName"));
        assertEquals(name, input(secret, "metadata.name"));
        String document = (String) ((Map<?, ?>) input(secret, "stringData")).get("outputs.json");
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(document);
        assertEquals("us-east", doc.get("primaryRegion").asText());
        assertEquals("a", doc.at("/database/adminPassword").asText(), "the hook gets the whole database document");
        assertEquals("r", doc.at("/database/replicationPassword").asText());
        assertEquals(2, doc.at("/database/endpoints").size());
        assertFalse(String.valueOf(job.inputs).contains("Password"), "no password in the Job itself");
    }

    @Test
    void aTopologyChangeRenamesTheHookJobSoItRunsAgain() {
        Map<String, String> two = StackSettingsTest.valid();
        run(two);
        String first = (String) input(mocks.find("kubernetes:batch/v1:Job", "hook-replicate"), "metadata.name");
        PulumiTest.cleanup();
        CloudMocks again = new CloudMocks();
        Map<String, String> three = StackSettingsTest.valid();
        three.put("regions", "[\"us-east\",\"eu-west\",\"ap-south\"]");
        TestResult r = PulumiTestInternal.builder().mocks(again).config(config(three), secretKeys()).build().runTest(App::stack);
        assertEquals(0, r.exitCode(), () -> r.exceptions().toString());
        String second = (String) input(again.find("kubernetes:batch/v1:Job", "hook-replicate"), "metadata.name");
        assertNotEquals(first, second);
    }

    @Test
    @SuppressWarnings("unchecked")
    void databasePortAdmitsTheClustersNodesAndNeverTheSharedPrivateRange() {
        run(StackSettingsTest.valid());
        for (var fw : mocks.ofType("linode:index/firewall:Firewall")) {
            assertFalse(fw.inputs.toString().contains("192.168.128.0/17"), fw.name + ": " + fw.inputs);
            List<Map<String, Object>> inbounds = (List<Map<String, Object>>) fw.inputs.get("inbounds");
            List<String> all = new java.util.ArrayList<>();
            for (String region : List.of("us-east", "eu-west")) {
                var nodes = inbounds.stream().filter(rule -> ("nodes-" + region).equals(rule.get("label"))).findFirst()
                        .orElseThrow(() -> new AssertionError(fw.name + " has no nodes-" + region + " rule: " + inbounds));
                List<String> cidrs = (List<String>) nodes.get("ipv4s");
                // 3 nodes per region (autoscaler min), a public and a private /32 each
                assertEquals(6, cidrs.size(), cidrs::toString);
                assertTrue(cidrs.stream().allMatch(c -> c.endsWith("/32")), cidrs::toString);
                all.addAll(cidrs);
            }
            assertEquals(12, new java.util.HashSet<>(all).size(), "each node in its own region's rule only: " + all);
        }
    }

    @Test
    void databaseBackupsAreOnByDefaultAndCanBeTurnedOff() {
        run(StackSettingsTest.valid());
        mocks.ofType("linode:index/instance:Instance").forEach(i -> assertEquals(true, input(i, "backupsEnabled")));
        PulumiTest.cleanup();
        CloudMocks off = new CloudMocks();
        Map<String, String> c = StackSettingsTest.valid();
        c.put("dbBackups", "false");
        TestResult r = PulumiTestInternal.builder().mocks(off).config(config(c), secretKeys()).build().runTest(App::stack);
        assertEquals(0, r.exitCode(), () -> r.exceptions().toString());
        off.ofType("linode:index/instance:Instance").forEach(i -> assertEquals(false, input(i, "backupsEnabled")));
    }

    @Test
    void aPrivateRegistryGetsPullSecretsFromASecretKey() {
        Map<String, String> c = StackSettingsTest.valid();
        c.put("imagePullSecret", "{\"auths\":{\"ghcr.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}");
        Set<String> secrets = new java.util.HashSet<>(secretKeys());
        secrets.add("shopdr:imagePullSecret");
        TestResult r = run(c, secrets);
        assertEquals(0, r.exitCode(), () -> r.exceptions().toString());
        assertEquals("kubernetes.io/dockerconfigjson", input(mocks.find("kubernetes:core/v1:Secret", "dns-registry-us-east"), "type"));
        assertEquals("kubernetes.io/dockerconfigjson", input(mocks.find("kubernetes:core/v1:Secret", "eu-west-registry"), "type"));
        assertEquals("shopdr-registry", input(mocks.find("kubernetes:batch/v1:Job", "hook-replicate"),
                "spec.template.spec.imagePullSecrets.0.name"));
    }

    @Test
    void aPlainTextRegistrySecretFailsAtPreviewNamingTheKey() {
        Map<String, String> c = StackSettingsTest.valid();
        c.put("imagePullSecret", "{\"auths\":{}}");
        String message = errors(run(c, secretKeys()));
        assertTrue(message.contains("shopdr:imagePullSecret: is stored in plain text"), message);
    }

    /** The program's preview log at WARNING and above, as Pulumi's engine logger receives it. */
    private List<String> warnings(Map<String, String> shopdr) {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) logged.add(r.getMessage());
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        });
        TestResult result = PulumiTestInternal.builder().mocks(mocks).standardLogger(logger)
                .config(config(shopdr), secretKeys()).build().runTest(App::stack);
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        return logged;
    }

    @Test
    void previewWarnsThatATwoRegionStackWithoutAWitnessCannotFailOverByItself() {
        List<String> logged = warnings(StackSettingsTest.valid());
        assertTrue(logged.stream().anyMatch(m -> m.contains("automatic failover is disabled: ")
                && m.contains("add failover.witness")), logged::toString);
    }

    @Test
    void aConfiguredWitnessIsDeployedInItsRegionAndSilencesTheWarning() {
        Map<String, String> c = StackSettingsTest.valid();
        c.put("failover", "{\"witness\":{\"region\":\"us-ord\",\"type\":\"g6-nanode-1\"}}");
        List<String> logged = warnings(c);
        assertTrue(logged.stream().noneMatch(m -> m.contains("automatic failover is disabled")), logged::toString);
        var witness = mocks.find("linode:index/instance:Instance", "dns-witness");
        assertEquals("us-ord", input(witness, "region"));
        assertEquals("g6-nanode-1", input(witness, "type"));
        mocks.find("linode:index/firewall:Firewall", "dns-witness-fw");
    }
}
