package io.shopdr.components.region;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.sim.pulumi.CloudMocks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import org.junit.jupiter.api.Test;

import static io.shopdr.sim.pulumi.CloudMocks.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RegionStack under the SDK's mock engine: what it declares, how it is wired, and what it refuses. */
class RegionStackTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String DB_PASSWORD = "s3cret-db-pw";

    private final CloudMocks mocks = new CloudMocks();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static RegionStackArgs.Builder args(String region) {
        return RegionStackArgs.builder()
                .region(region)
                .kubernetesVersion("1.31")
                .nodePools(NodePoolArgs.builder().type("g6-dedicated-4").min(3).max(6).build())
                .domain("shop.example.com")
                .additionalHosts("www.shop.example.com")
                .controlPlaneAllowedCidrs("203.0.113.0/24", "2001:db8::/32")
                .store(StoreChartArgs.builder().repository("https://charts.example.com").chart("storefront")
                        .version("1.4.2").values(Map.of("image", Map.of("tag", "v9"), "replicaCount", 9)).build())
                .database(DatabaseConnectionArgs.builder().host("192.168.128.10").port(3306).name("shop")
                        .user("shop_app").password(Output.ofSecret(DB_PASSWORD)).build())
                .assets(AssetsArgs.builder().bucketLabel("shop-assets-" + region).build());
    }

    private TestResult run(Consumer<Context> program) {
        return PulumiTestInternal.builder().mocks(mocks).build().runTest(program::accept);
    }

    private RegionStack runOne(RegionStackArgs a) {
        AtomicReference<RegionStack> ref = new AtomicReference<>();
        TestResult result = run(ctx -> ref.set(new RegionStack("us-east", a)));
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        return ref.get();
    }

    @Test
    void declaresClusterIngressRedisStoreAndBucket() {
        runOne(args("us-east").build());
        var lke = mocks.find("linode:index/lkeCluster:LkeCluster", "us-east-lke");
        assertEquals("us-east", input(lke, "region"));
        assertEquals("shopdr-us-east", input(lke, "label"), "default label prefix");
        assertEquals("1.31", input(lke, "k8sVersion"));
        assertEquals("g6-dedicated-4", input(lke, "pools.0.type"));
        assertNull(input(lke, "pools.0.count"), "an autoscaled pool has no fixed count");
        assertEquals(3.0, input(lke, "pools.0.autoscaler.min"));
        assertEquals(6.0, input(lke, "pools.0.autoscaler.max"));
        assertEquals(true, input(lke, "controlPlane.highAvailability"));
        assertEquals(true, input(lke, "controlPlane.acl.enabled"));
        assertEquals(List.of("203.0.113.0/24"), input(lke, "controlPlane.acl.addresses.0.ipv4s"));
        assertEquals(List.of("2001:db8::/32"), input(lke, "controlPlane.acl.addresses.0.ipv6s"));

        var ingress = mocks.find(RELEASE, "us-east-ingress");
        assertEquals("traefik", input(ingress, "chart"));
        assertEquals(RegionStackArgs.DEFAULT_INGRESS_CHART_VERSION, input(ingress, "version"));
        assertEquals("https://traefik.github.io/charts", input(ingress, "repositoryOpts.repo"));
        assertEquals("LoadBalancer", input(ingress, "values.service.spec.type"));
        assertEquals(true, input(ingress, "values.ingressClass.isDefaultClass"));
        assertEquals(RegionStack.INGRESS_CLASS, input(ingress, "values.ingressClass.name"));
        assertTrue(mocks.resources().stream().noneMatch(r -> String.valueOf(r.inputs).contains("ingress-nginx")),
                "ingress-nginx is retired: nothing declares it");

        assertTrue(mocks.ofType(RELEASE).stream().noneMatch(r -> "redis".equals(input(r, "chart"))),
                "no Redis chart: Bitnami's images are gone");
        var redis = mocks.find("kubernetes:apps/v1:Deployment", "us-east-redis");
        assertEquals(RegionStackArgs.DEFAULT_REDIS_IMAGE, input(redis, "spec.template.spec.containers.0.image"));
        assertTrue(RegionStackArgs.DEFAULT_REDIS_IMAGE.matches("redis:\\d+\\.\\d+\\.\\d+"),
                "the official image, pinned to a patch release");
        assertEquals(true, input(redis, "spec.template.spec.securityContext.runAsNonRoot"));
        assertEquals(999.0, input(redis, "spec.template.spec.securityContext.runAsUser"));
        assertEquals("256Mi", input(redis, "spec.template.spec.containers.0.resources.requests.memory"));
        assertEquals(List.of("redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no",
                        "--maxmemory", "200mb", "--maxmemory-policy", "allkeys-lru"),
                input(redis, "spec.template.spec.containers.0.args"), "a cache: no persistence, bounded memory");
        assertEquals("shop", input(redis, "metadata.namespace"));
        var redisService = mocks.find("kubernetes:core/v1:Service", "us-east-redis-service");
        assertEquals(6379.0, input(redisService, "spec.ports.0.port"));
        var policy = mocks.find("kubernetes:networking.k8s.io/v1:NetworkPolicy", "us-east-redis-policy");
        assertEquals(Map.of(), input(policy, "spec.ingress.0.from.0.podSelector"),
                "the store's pods (same namespace) may reach Redis, nothing else");
        assertEquals("shop", input(policy, "metadata.namespace"));

        var store = mocks.find(RELEASE, "us-east-store");
        assertEquals("storefront", input(store, "chart"));
        assertEquals("1.4.2", input(store, "version"));
        assertEquals("https://charts.example.com", input(store, "repositoryOpts.repo"));

        var bucket = mocks.find("linode:index/objectStorageBucket:ObjectStorageBucket", "us-east-assets");
        assertEquals("shop-assets-us-east", input(bucket, "label"));
        assertEquals("us-east", input(bucket, "region"));
        assertTrue(mocks.ofType("kubernetes:batch/v1:CronJob").isEmpty(), "the primary mirrors from nobody");
    }

    @Test
    void everyChildIsParentedToTheComponent() {
        AtomicReference<RegionStack> ref = new AtomicReference<>();
        TestResult result = run(ctx -> ref.set(new RegionStack("us-east", args("us-east").build())));
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        Resource component = result.resources().stream()
                .filter(r -> r.pulumiResourceType().equals(RegionStack.TYPE)).findFirst().orElseThrow();
        Set<String> children = component.pulumiChildResources().stream()
                .map(r -> r.pulumiResourceType() + "::" + r.pulumiResourceName()).collect(Collectors.toSet());
        Set<String> registered = mocks.resources().stream()
                .filter(r -> !r.type.equals(RegionStack.TYPE) && !r.type.startsWith("pulumi:providers:linode"))
                .map(r -> r.type + "::" + r.name).collect(Collectors.toSet());
        assertEquals(registered, children);
        assertEquals(13, children.size(), children::toString);
    }

    @Test
    void everyKubernetesChildUsesTheClustersProviderExplicitly() {
        runOne(args("us-east").assets(AssetsArgs.builder().bucketLabel("shop-assets-us-east")
                .mirrorFrom("eu-west", Output.of("shop-assets-eu-west"), Output.of("eu-west-1.linodeobjects.com"))
                .build()).build());
        var k8sChildren = mocks.resources().stream().filter(r -> r.type.startsWith("kubernetes:")).toList();
        assertTrue(k8sChildren.size() >= 8, () -> k8sChildren.stream().map(r -> r.name).toList().toString());
        for (var r : k8sChildren) {
            assertTrue(r.provider != null && r.provider.contains("pulumi:providers:kubernetes::us-east-k8s::"),
                    r.type + " " + r.name + " uses provider " + r.provider);
        }
    }

    @Test
    void kubeconfigIsDecodedAndSecret() throws Exception {
        RegionStack stack = runOne(args("us-east").build());
        Output<String> kubeconfig = stack.kubeconfig();
        assertTrue(Internal.of(kubeconfig).isSecret().join(), "kubeconfig must be a Pulumi secret");
        assertTrue(PulumiTest.extractValue(kubeconfig).contains("kind: Config"));
        assertEquals(PulumiTest.extractValue(kubeconfig), input(
                mocks.find("pulumi:providers:kubernetes", "us-east-k8s"), "kubeconfig"));
    }

    @Test
    void nodeIdsAreTheLinodesOfEveryPoolsNodes() {
        RegionStack stack = runOne(args("us-east").build());
        List<Integer> ids = PulumiTest.extractValue(stack.nodeIds());
        var cluster = mocks.ofType("linode:index/lkeCluster:LkeCluster").get(0);
        int expected = 0;
        for (Object pool : (List<?>) input(cluster, "pools")) {
            Map<?, ?> p = (Map<?, ?>) pool;
            Object count = p.get("count") != null ? p.get("count") : ((Map<?, ?>) p.get("autoscaler")).get("min");
            expected += ((Number) count).intValue();
        }
        assertTrue(expected > 0);
        assertEquals(expected, ids.size(), ids::toString);
        assertEquals(expected, ids.stream().distinct().count(), "one id per node: " + ids);
        assertTrue(ids.stream().allMatch(id -> id > 0), ids::toString);
    }

    @Test
    void ingressIpComesFromTheControllerService() {
        RegionStack stack = runOne(args("us-east").build());
        String ip = PulumiTest.extractValue(stack.ingressIp());
        assertTrue(ip.matches("203\\.0\\.113\\.\\d+"), ip);
        assertFalse(mocks.ofType("kubernetes:core/v1:Service").isEmpty(), "controller Service is read");
        assertEquals("shop", PulumiTest.extractValue(stack.namespace()));
    }

    @Test
    void storeValuesCarryThisRegionsDatabaseRedisAndBucketButNoPassword() {
        runOne(args("us-east").build());
        var store = mocks.find(RELEASE, "us-east-store");
        assertEquals("192.168.128.10", input(store, "values.database.host"));
        assertEquals(3306.0, input(store, "values.database.port"));
        assertEquals("shop", input(store, "values.database.name"));
        assertEquals(RegionStack.DB_SECRET, input(store, "values.database.existingSecret"));
        assertEquals("redis.shop.svc.cluster.local", input(store, "values.redis.host"));
        assertEquals("shop-assets-us-east", input(store, "values.assets.bucket"));
        assertEquals("us-east-1.linodeobjects.com", input(store, "values.assets.endpoint"));
        assertEquals(RegionStack.ASSETS_SECRET, input(store, "values.assets.existingSecret"));
        assertEquals("shop.example.com", input(store, "values.ingress.hosts.0.host"));
        assertEquals("www.shop.example.com", input(store, "values.ingress.hosts.1.host"));
        assertEquals("traefik", input(store, "values.ingress.className"));
        assertEquals("/healthz", input(store, "values.healthCheck.path"));
        assertEquals(2.0, input(store, "values.replicaCount"), "injected values override the user's");
        assertEquals("v9", input(store, "values.image.tag"), "other user values are kept");
        assertFalse(String.valueOf(store.inputs).contains(DB_PASSWORD), "the password never reaches Helm values");

        var secret = mocks.find("kubernetes:core/v1:Secret", "us-east-db-credentials");
        assertEquals(DB_PASSWORD, input(secret, "stringData.password"));
        assertEquals("shop_app", input(secret, "stringData.username"));
        assertEquals("shop", input(secret, "metadata.namespace"));
    }

    @Test
    void storeConnectsWithTlsAndGetsTheDatabaseCa() {
        String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        runOne(args("us-east").database(DatabaseConnectionArgs.builder().host("192.168.128.10").name("shop")
                .user("shop_app").password(Output.ofSecret(DB_PASSWORD)).caCertificate(ca).build()).build());
        var store = mocks.find(RELEASE, "us-east-store");
        assertEquals(true, input(store, "values.database.tls.required"));
        assertEquals(ca, input(store, "values.database.tls.ca"));
        assertEquals(ca, ((Map<?, ?>) input(mocks.find("kubernetes:core/v1:Secret", "us-east-db-credentials"), "stringData"))
                .get("ca.pem"));
    }

    @Test
    void privateImagesGetARegistrySecretAndPullSecretsInTheStoresValues() {
        String docker = "{\"auths\":{\"ghcr.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}";
        runOne(args("us-east").imagePullSecret(Output.ofSecret(docker)).build());
        var secret = mocks.find("kubernetes:core/v1:Secret", "us-east-registry");
        assertEquals("kubernetes.io/dockerconfigjson", input(secret, "type"));
        assertEquals(RegionStack.REGISTRY_SECRET, input(secret, "metadata.name"));
        assertEquals("shop", input(secret, "metadata.namespace"));
        var store = mocks.find(RELEASE, "us-east-store");
        assertEquals(RegionStack.REGISTRY_SECRET, input(store, "values.imagePullSecrets.0.name"));
        assertFalse(String.valueOf(store.inputs).contains("dXNlcjpwYXNz"), "registry credentials stay out of values");
    }

    @Test
    void publicImagesNeedNoRegistrySecret() {
        runOne(args("us-east").build());
        assertTrue(mocks.ofType("kubernetes:core/v1:Secret").stream().noneMatch(r -> r.name.equals("us-east-registry")));
        assertNull(input(mocks.find(RELEASE, "us-east-store"), "values.imagePullSecrets"));
    }

    @Test
    void standbyMirrorsThePrimarysBucketWithAReadOnlyGrant() {
        runOne(args("us-ord").assets(AssetsArgs.builder().bucketLabel("shop-assets-us-ord").mirrorIntervalMinutes(30)
                .mirrorFrom("us-east", Output.of("shop-assets-us-east"), Output.of("us-east-1.linodeobjects.com"))
                .build()).build());
        var key = mocks.find("linode:index/objectStorageKey:ObjectStorageKey", "us-east-assets-key");
        assertEquals("shop-assets-us-ord", input(key, "bucketAccesses.0.bucketName"));
        assertEquals("read_write", input(key, "bucketAccesses.0.permissions"));
        assertEquals("shop-assets-us-east", input(key, "bucketAccesses.1.bucketName"));
        assertEquals("us-east", input(key, "bucketAccesses.1.region"));
        assertEquals("read_only", input(key, "bucketAccesses.1.permissions"));

        var job = mocks.find("kubernetes:batch/v1:CronJob", "us-east-asset-mirror");
        assertEquals(RegionStack.ASSET_MIRROR_JOB, input(job, "metadata.name"));
        assertEquals("*/30 * * * *", input(job, "spec.schedule"));
        assertEquals("Forbid", input(job, "spec.concurrencyPolicy"));
        assertEquals("Etc/UTC", input(job, "spec.timeZone"));
        String container = "spec.jobTemplate.spec.template.spec.containers.0.";
        assertEquals("rclone/rclone:1.68.2", input(job, container + "image"));
        assertEquals(List.of("copy", "--update", "primary:shop-assets-us-east", "local:shop-assets-us-ord", "--fast-list",
                "--s3-no-check-bucket", "-v"), input(job, container + "args"));
        assertEquals(RegionStack.ASSETS_SECRET, input(job, container + "envFrom.0.secretRef.name"));
        @SuppressWarnings("unchecked")
        var env = ((List<Map<String, Object>>) input(job, container + "env")).stream()
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e.get("value")));
        assertEquals("us-east-1.linodeobjects.com", env.get("RCLONE_CONFIG_PRIMARY_ENDPOINT"));
        assertEquals("us-ord-1.linodeobjects.com", env.get("RCLONE_CONFIG_LOCAL_ENDPOINT"));
        assertFalse(String.valueOf(job.inputs).contains("mock-secret-key"), "keys stay in the Secret");

        var creds = mocks.find("kubernetes:core/v1:Secret", "us-east-assets-credentials");
        assertTrue(String.valueOf(input(creds, "stringData.RCLONE_CONFIG_PRIMARY_SECRET_ACCESS_KEY")).startsWith("mock-secret-key-"));
    }

    @Test
    void credentialsReachTheirSecretsAsPulumiSecrets() {
        // A transformation on the component sees every child's args as built, Outputs and their secretness included.
        Map<String, com.pulumi.resources.ResourceArgs> childArgs = new java.util.concurrent.ConcurrentHashMap<>();
        TestResult result = run(ctx -> new RegionStack("us-east", args("us-east").build(),
                ComponentResourceOptions.builder().resourceTransformations(t -> {
                    childArgs.put(t.resource().pulumiResourceName(), t.args());
                    return Optional.empty();
                }).build()));
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        for (String name : List.of("us-east-db-credentials", "us-east-assets-credentials")) {
            var secretArgs = (SecretArgs) childArgs.get(name);
            assertTrue(Internal.of(secretArgs.stringData().orElseThrow()).isSecret().join(),
                    name + " stringData must be a Pulumi secret");
        }
        var provider = (com.pulumi.kubernetes.ProviderArgs) childArgs.get("us-east-k8s");
        assertTrue(Internal.of(provider.kubeconfig().orElseThrow()).isSecret().join(), "provider kubeconfig is secret");
        var store = (com.pulumi.kubernetes.helm.v3.ReleaseArgs) childArgs.get("us-east-store");
        assertFalse(Internal.of(store.values().orElseThrow()).isSecret().join(),
                "store values hold no secret (so the plan diff stays readable)");
    }

    @Test
    void withoutAssetsNoBucketIsDeclared() {
        RegionStack stack = runOne(args("us-east").assets(null).build());
        assertTrue(mocks.ofType("linode:index/objectStorageBucket:ObjectStorageBucket").isEmpty());
        assertTrue(PulumiTest.extractValue(stack.bucketLabel()).isEmpty());
        assertTrue(PulumiTest.extractValue(stack.s3Endpoint()).isEmpty());
        assertNull(input(mocks.find(RELEASE, "us-east-store"), "values.assets"));
    }

    @Test
    void fixedSizePoolHasACountAndNoAutoscaler() {
        runOne(args("us-east").highAvailabilityControlPlane(false)
                .nodePools(NodePoolArgs.builder().type("g6-standard-2").min(2).max(2).build()).build());
        var lke = mocks.find("linode:index/lkeCluster:LkeCluster", "us-east-lke");
        assertEquals(2.0, input(lke, "pools.0.count"));
        assertNull(input(lke, "pools.0.autoscaler"));
        assertEquals(false, input(lke, "controlPlane.highAvailability"));
    }

    @Test
    void localChartPathIsUsedAsTheChart() {
        runOne(args("us-east").store(StoreChartArgs.builder().path("./charts/storefront").replicas(3).build()).build());
        var store = mocks.find(RELEASE, "us-east-store");
        assertEquals("./charts/storefront", input(store, "chart"));
        assertNull(input(store, "repositoryOpts"));
        assertEquals(3.0, input(store, "values.replicaCount"));
    }

    // ---- validation: each error names the field and the fix, and nothing is registered ----

    /** A problem expected at {@code field} whose text contains {@code problem}. */
    private record Expected(String field, String problem) {}

    private static Expected at(String field, String problem) {
        return new Expected(field, problem);
    }

    /** The problems the run failed with: the component's InvalidConfigException, wherever the engine wrapped it. */
    static List<Problem> problemsOf(TestResult result) {
        for (Throwable e : result.exceptions()) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidConfigException invalid) return invalid.problems();
            }
        }
        throw new AssertionError("no InvalidConfigException in " + result.exceptions());
    }

    private void assertRefused(UnaryOperator<RegionStackArgs.Builder> change, Expected... expected) {
        TestResult result = run(ctx -> new RegionStack("us-east", change.apply(args("us-east")).build()));
        assertNotEquals(0, result.exitCode());
        List<Problem> problems = problemsOf(result);
        for (Expected e : expected) {
            assertTrue(problems.stream().anyMatch(p -> p.field().equals(e.field()) && p.toString().contains(e.problem())),
                    "expected '" + e.problem() + "' at " + e.field() + " in: " + problems);
        }
        assertTrue(mocks.resources().isEmpty(), () -> "nothing may be registered, got "
                + mocks.resources().stream().map(r -> r.type + "::" + r.name).toList());
    }

    @Test
    void unknownRegionIsRefused() {
        assertRefused(b -> b.region("us-eats"), at("region", "\"us-eats\" is not a known Linode region id"), at("region", "us-east"));
    }

    @Test
    void autoscalerMinAboveMaxIsRefused() {
        assertRefused(b -> b.nodePools(NodePoolArgs.builder().type("g6-standard-2").min(5).max(2).build()),
                at("nodePools[0].min", "(5) is greater than nodePools[0].max (2)"), at("nodePools[0].min", "min <= max"));
    }

    @Test
    void emptyPoolsAreRefused() {
        assertRefused(b -> b.nodePools(List.of()), at("nodePools", "is empty"), at("nodePools", "at least one pool"));
    }

    @Test
    void malformedCidrIsRefused() {
        assertRefused(b -> b.controlPlaneAllowedCidrs("10.0.0.0/8", "300.1.1.1/24", "office"),
                at("controlPlaneAllowedCidrs[1]", "'300.1.1.1/24' has an octet above 255"),
                at("controlPlaneAllowedCidrs[2]", "'office' is not a CIDR block"), at("controlPlaneAllowedCidrs[2]", "203.0.113.7/32"));
    }

    @Test
    void badBucketLabelIsRefused() {
        assertRefused(b -> b.assets(AssetsArgs.builder().bucketLabel("Shop_Assets").build()),
                at("assets.bucketLabel", "\"Shop_Assets\" breaks Linode's bucket naming rules"));
    }

    @Test
    void mirrorIntervalOutOfBoundsIsRefused() {
        assertRefused(b -> b.assets(AssetsArgs.builder().bucketLabel("shop-assets").mirrorIntervalMinutes(2).build()),
                at("assets.mirrorIntervalMinutes", "is 2 minutes; use a value between 5 and 1440"));
    }

    @Test
    void labelPrefixNamesTheClusterAndKeyAndIsValidated() {
        runOne(args("us-east").labelPrefix("shopdr-prod-us-east").build());
        assertEquals("shopdr-prod-us-east", input(mocks.find("linode:index/lkeCluster:LkeCluster", "us-east-lke"), "label"));
        assertEquals("shopdr-prod-us-east-assets",
                input(mocks.find("linode:index/objectStorageKey:ObjectStorageKey", "us-east-assets-key"), "label"));
        PulumiTest.cleanup();
        CloudMocks fresh = new CloudMocks();
        TestResult result = PulumiTestInternal.builder().mocks(fresh).build().runTest(ctx ->
                new RegionStack("us-east", args("us-east").labelPrefix("shopdr-a-very-long-staging-us-southeast").build()));
        assertNotEquals(0, result.exitCode());
        assertEquals(List.of(new Problem("labelPrefix", "\"shopdr-a-very-long-staging-us-southeast\" is longer than Linode's "
                + "32-character label limit", "use a shorter one")), problemsOf(result));
        assertTrue(fresh.resources().isEmpty());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertRefused(b -> b.region("mars-1").kubernetesVersion("latest").domain(" ").nodePools(List.of())
                        .additionalHosts("WWW"),
                at("region", "\"mars-1\""), at("kubernetesVersion", "\"latest\""), at("domain", "is missing"),
                at("nodePools", "is empty"), at("additionalHosts[0]", "\"WWW\" is not a lowercase DNS name"));
    }
}
