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
        var deployments = mocks.ofType("kubernetes:apps/v1:Deployment");
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
        assertEquals("shop/asset-mirror", assets.get("eu-west").get("mirrorCronJob"));
        assertFalse(assets.get("us-east").containsKey("mirrorCronJob"));
        assertEquals(2, mocks.ofType("linode:index/objectStorageBucket:ObjectStorageBucket").size());
        assertEquals(2, mocks.ofType("kubernetes:helm.sh/v3:Release").stream().filter(r -> r.name.endsWith("-redis")).count());
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
    void plainTextPasswordFailsAtPreviewNamingTheKey() {
        String errors = errors(run(StackSettingsTest.valid(), Set.of("shopdr:dbAdminPassword", "shopdr:dbReplicationPassword")));
        assertTrue(errors.contains("shopdr:dbAppPassword is stored in plain text"), errors);
        assertFalse(errors.contains("=p"), errors);
        assertTrue(mocks.resources().isEmpty());
    }
}
