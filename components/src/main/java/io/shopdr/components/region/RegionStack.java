package io.shopdr.components.region;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.linode.LkeCluster;
import com.pulumi.linode.LkeClusterArgs;
import com.pulumi.linode.ObjectStorageBucket;
import com.pulumi.linode.ObjectStorageBucketArgs;
import com.pulumi.linode.ObjectStorageKey;
import com.pulumi.linode.ObjectStorageKeyArgs;
import com.pulumi.linode.inputs.LkeClusterControlPlaneAclAddressArgs;
import com.pulumi.linode.inputs.LkeClusterControlPlaneAclArgs;
import com.pulumi.linode.inputs.LkeClusterControlPlaneArgs;
import com.pulumi.linode.inputs.LkeClusterPoolArgs;
import com.pulumi.linode.inputs.LkeClusterPoolAutoscalerArgs;
import com.pulumi.linode.outputs.LkeClusterPoolNode;
import com.pulumi.linode.inputs.ObjectStorageKeyBucketAccessArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One region's serving estate: an LKE cluster, a Kubernetes provider built from its (secret) kubeconfig, ingress-nginx
 * behind a NodeBalancer, Redis, the store's Helm release wired to this region's database, and the region's static
 * assets bucket (copied from the primary's by an rclone CronJob in standby regions).
 *
 * <p>Every Kubernetes child gets the cluster's provider explicitly, so several regions never share a default
 * provider. Plain arguments are validated before anything is registered: a bad value fails the preview with one
 * message listing every problem.
 */
public final class RegionStack extends ComponentResource {
    /** Pulumi type token of this component. */
    public static final String TYPE = "shopdr:index:RegionStack";
    /** Namespace and Helm release name of ingress-nginx; the controller Service is {@code ingress-nginx-controller}. */
    public static final String INGRESS_NAMESPACE = "ingress-nginx";
    /** Name of the Kubernetes Secret holding the store's database user and password. */
    public static final String DB_SECRET = "shop-db";
    /** Name of the Kubernetes Secret holding the assets bucket's S3 keys. */
    public static final String ASSETS_SECRET = "shop-assets";
    /** Name of the CronJob mirroring the primary's bucket; read {@code status.lastSuccessfulTime} for its last success. */
    public static final String ASSET_MIRROR_JOB = "asset-mirror";
    /** Helm release name of the store. */
    public static final String STORE_RELEASE = "shop";
    /** Helm release name of Redis; its Service is {@code redis-master}. */
    public static final String REDIS_RELEASE = "redis";

    static final String INGRESS_REPO = "https://kubernetes.github.io/ingress-nginx";

    private final RegionStackOutputs outputs;

    public RegionStack(String name, RegionStackArgs args) {
        this(name, args, null);
    }

    public RegionStack(String name, RegionStackArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, validated(name, args, options));
        String region = args.region();
        String labelPrefix = args.labelPrefix().orElse("shopdr-" + name);

        LkeCluster cluster = new LkeCluster(name + "-lke", clusterArgs(labelPrefix, args),
                CustomResourceOptions.builder().parent(this).build());
        Output<String> kubeconfig = cluster.kubeconfig()
                .applyValue(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8))
                .asSecret();
        Provider k8s = new Provider(name + "-k8s", ProviderArgs.builder().kubeconfig(kubeconfig).build(),
                CustomResourceOptions.builder().parent(this).build());

        // ingress-nginx exposed as a LoadBalancer Service: LKE's CCM turns it into a NodeBalancer.
        Release ingress = new Release(name + "-ingress-nginx", ReleaseArgs.builder()
                .name(INGRESS_NAMESPACE)
                .chart("ingress-nginx")
                .version(args.ingressChartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(INGRESS_REPO).build())
                .namespace(INGRESS_NAMESPACE)
                .createNamespace(true)
                .values(Map.of("controller", Map.of(
                        "service", Map.of("type", "LoadBalancer"),
                        "ingressClassResource", Map.of("name", "nginx", "default", true),
                        "replicaCount", 2)))
                .build(), k8sOptions(k8s, List.of()));
        Service controller = Service.get(name + "-ingress-controller",
                Output.of(INGRESS_NAMESPACE + "/" + INGRESS_NAMESPACE + "-controller"),
                k8sOptions(k8s, List.of(ingress)));
        Output<String> ingressIp = controller.status().applyValue(s -> s == null ? "" : s
                .flatMap(st -> st.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(i -> i.ip().or(i::hostname))
                .orElse(""));

        StoreChartArgs store = args.store();
        Namespace ns = new Namespace(name + "-store-ns", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(store.namespace())
                        .labels(Map.of("app.kubernetes.io/part-of", "shopdr")).build())
                .build(), k8sOptions(k8s, List.of()));
        Output<String> namespace = ns.metadata().applyValue(m -> m.name().orElse(store.namespace()));

        DatabaseConnectionArgs db = args.database();
        Secret dbSecret = new Secret(name + "-db-credentials", SecretArgs.builder()
                .metadata(meta(DB_SECRET, namespace))
                .type("Opaque")
                .stringData(Output.tuple(db.user(), db.password())
                        .applyValue(t -> Map.of("username", t.t1, "password", t.t2))
                        .asSecret())
                .build(), k8sOptions(k8s, List.of()));

        // Redis for cache and sessions: one per region, never replicated across regions (see README).
        Release redis = new Release(name + "-redis", ReleaseArgs.builder()
                .name(REDIS_RELEASE)
                .chart("redis")
                .version(args.redisChartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(args.redisChartRepository()).build())
                .namespace(namespace)
                .values(Map.of(
                        "architecture", "standalone",
                        // No password: the chart's NetworkPolicy admits only pods of this namespace (an empty
                        // podSelector in a "from" rule means every pod of the policy's own namespace).
                        "auth", Map.of("enabled", false),
                        "networkPolicy", Map.of("enabled", true, "allowExternal", false,
                                "extraIngress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of()))))),
                        "master", Map.of("persistence", Map.of("enabled", true, "size", "8Gi"))))
                .build(), k8sOptions(k8s, List.of()));
        Output<String> redisHost = namespace.applyValue(n -> REDIS_RELEASE + "-master." + n + ".svc.cluster.local");

        Optional<Output<String>> bucketLabel = Optional.empty();
        Optional<Output<String>> bucketEndpoint = Optional.empty();
        Optional<String> mirrorJob = Optional.empty();
        List<Resource> storeDependsOn = new ArrayList<>(List.of(dbSecret, redis));
        Output<Map<String, Object>> assetValues = Output.of(Map.of());
        if (args.assets().isPresent()) {
            AssetsArgs assets = args.assets().get();
            ObjectStorageBucket bucket = new ObjectStorageBucket(name + "-assets", ObjectStorageBucketArgs.builder()
                    .label(assets.bucketLabel())
                    .region(region)
                    .acl("private")
                    .build(), CustomResourceOptions.builder().parent(this).build());
            List<Output<ObjectStorageKeyBucketAccessArgs>> accesses = new ArrayList<>();
            accesses.add(Output.of(ObjectStorageKeyBucketAccessArgs.builder()
                    .bucketName(bucket.label()).region(region).permissions("read_write").build()));
            assets.mirrorFrom().ifPresent(src -> accesses.add(Output.of(ObjectStorageKeyBucketAccessArgs.builder()
                    .bucketName(src.bucketLabel()).region(src.region()).permissions("read_only").build())));
            ObjectStorageKey key = new ObjectStorageKey(name + "-assets-key", ObjectStorageKeyArgs.builder()
                    .label(labelPrefix + "-assets")
                    .bucketAccesses(Output.all(accesses))
                    .build(), CustomResourceOptions.builder().parent(this).build());
            Output<String> accessKey = key.accessKey().asSecret();
            Output<String> secretKey = key.secretKey().asSecret();
            Secret assetsSecret = new Secret(name + "-assets-credentials", SecretArgs.builder()
                    .metadata(meta(ASSETS_SECRET, namespace))
                    .type("Opaque")
                    .stringData(Output.tuple(accessKey, secretKey).applyValue(t -> {
                        Map<String, String> data = new LinkedHashMap<>();
                        data.put("AWS_ACCESS_KEY_ID", t.t1);
                        data.put("AWS_SECRET_ACCESS_KEY", t.t2);
                        // rclone reads remote credentials from RCLONE_CONFIG_<REMOTE>_* variables.
                        data.put("RCLONE_CONFIG_LOCAL_ACCESS_KEY_ID", t.t1);
                        data.put("RCLONE_CONFIG_LOCAL_SECRET_ACCESS_KEY", t.t2);
                        data.put("RCLONE_CONFIG_PRIMARY_ACCESS_KEY_ID", t.t1);
                        data.put("RCLONE_CONFIG_PRIMARY_SECRET_ACCESS_KEY", t.t2);
                        return Map.copyOf(data);
                    }).asSecret())
                    .build(), k8sOptions(k8s, List.of()));
            storeDependsOn.add(assetsSecret);
            bucketLabel = Optional.of(bucket.label());
            bucketEndpoint = Optional.of(bucket.s3Endpoint());
            assetValues = Output.tuple(bucket.label(), bucket.s3Endpoint()).applyValue(t -> Map.of(
                    "bucket", t.t1, "endpoint", t.t2, "region", region, "existingSecret", ASSETS_SECRET));
            if (assets.mirrorFrom().isPresent()) {
                assetMirror(name, assets, assets.mirrorFrom().get(), bucket, namespace, k8s, assetsSecret);
                mirrorJob = Optional.of(ASSET_MIRROR_JOB);
            }
        }

        Output<Map<String, Object>> storeValues = Output.tuple(db.host(), db.port(), db.name(), redisHost, assetValues)
                .applyValue(t -> storeValues(args, t.t1, t.t2, t.t3, t.t4, t.t5));
        ReleaseArgs.Builder storeRelease = ReleaseArgs.builder()
                .name(STORE_RELEASE)
                .namespace(namespace)
                .values(storeValues);
        if (store.path().isPresent()) {
            storeRelease.chart(store.path().get());
        } else {
            storeRelease.chart(store.chart().orElseThrow())
                    .version(store.version().orElseThrow())
                    .repositoryOpts(RepositoryOptsArgs.builder().repo(store.repository().orElseThrow()).build());
        }
        new Release(name + "-store", storeRelease.build(), k8sOptions(k8s, storeDependsOn));

        // the Linodes behind the cluster, in pool then node order (the cloud drill firewalls them off)
        Output<List<Integer>> nodeInstanceIds = cluster.pools().applyValue(pools -> pools == null ? List.<Integer>of()
                : pools.stream().flatMap(p -> p.nodes() == null ? java.util.stream.Stream.<LkeClusterPoolNode>empty() : p.nodes().stream())
                        .map(LkeClusterPoolNode::instanceId).toList());
        this.outputs = new RegionStackOutputs(cluster.id(), kubeconfig, k8s, ingressIp, namespace, redisHost,
                bucketLabel, bucketEndpoint, mirrorJob, nodeInstanceIds);
        Map<String, Output<?>> registered = new LinkedHashMap<>();
        registered.put("clusterId", cluster.id());
        registered.put("kubeconfig", kubeconfig);
        registered.put("ingressIp", ingressIp);
        registered.put("namespace", namespace);
        registered.put("redisHost", redisHost);
        registered.put("nodeInstanceIds", nodeInstanceIds);
        bucketLabel.ifPresent(l -> registered.put("bucketLabel", l));
        bucketEndpoint.ifPresent(e -> registered.put("bucketS3Endpoint", e));
        registerOutputs(registered);
    }

    /** The component's outputs in one typed bag. */
    public RegionStackOutputs outputs() {
        return outputs;
    }

    /** Validates before the component registers anything, so a bad argument never half-applies. */
    private static ComponentResourceOptions validated(String name, RegionStackArgs args,
                                                      @Nullable ComponentResourceOptions options) {
        if (args == null) {
            throw new IllegalArgumentException("RegionStack '" + name + "': args are required");
        }
        List<String> problems = args.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("RegionStack '" + name + "': " + String.join("; ", problems));
        }
        return options == null ? ComponentResourceOptions.Empty : options;
    }

    private static LkeClusterArgs clusterArgs(String label, RegionStackArgs args) {
        List<LkeClusterPoolArgs> pools = new ArrayList<>();
        for (NodePoolArgs p : args.nodePools()) {
            LkeClusterPoolArgs.Builder pool = LkeClusterPoolArgs.builder()
                    .type(p.type())
                    .tags(args.tags());
            if (p.max() > p.min()) {
                // No count with an autoscaler: the pool starts at min, and a fixed count would make every
                // `pulumi up` fight the autoscaler's current size.
                pool.autoscaler(LkeClusterPoolAutoscalerArgs.builder().min(p.min()).max(p.max()).build());
            } else {
                pool.count(p.min());
            }
            pools.add(pool.build());
        }
        LkeClusterControlPlaneArgs.Builder controlPlane = LkeClusterControlPlaneArgs.builder()
                .highAvailability(args.highAvailabilityControlPlane());
        if (!args.controlPlaneAllowedCidrs().isEmpty()) {
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            for (String c : args.controlPlaneAllowedCidrs()) {
                Cidr cidr = Cidr.parse(c);
                (cidr.ipv6() ? v6 : v4).add(cidr.text());
            }
            LkeClusterControlPlaneAclAddressArgs.Builder addresses = LkeClusterControlPlaneAclAddressArgs.builder();
            if (!v4.isEmpty()) addresses.ipv4s(v4);
            if (!v6.isEmpty()) addresses.ipv6s(v6);
            controlPlane.acl(LkeClusterControlPlaneAclArgs.builder().enabled(true)
                    .addresses(List.of(addresses.build())).build());
        }
        return LkeClusterArgs.builder()
                .label(label)
                .region(args.region())
                .k8sVersion(args.kubernetesVersion())
                .pools(pools)
                .controlPlane(controlPlane.build())
                .tags(args.tags())
                .build();
    }

    /**
     * The rclone CronJob of a standby region: {@code rclone copy --update primary:<bucket> local:<bucket>}. Copy, not
     * sync: after a failover this region serves and takes uploads while the old primary may come back, and a sync
     * would then delete or overwrite them; {@code --update} never replaces a newer local object.
     */
    private void assetMirror(String name, AssetsArgs assets, AssetsArgs.MirrorSource src, ObjectStorageBucket local,
                             Output<String> namespace, Provider k8s, Secret credentials) {
        Output<List<String>> rcloneArgs = Output.tuple(src.bucketLabel(), local.label()).applyValue(t -> List.of(
                "copy", "--update", "primary:" + t.t1, "local:" + t.t2, "--fast-list", "--s3-no-check-bucket", "-v"));
        List<EnvVarArgs> env = List.of(
                env("RCLONE_CONFIG_PRIMARY_TYPE", Output.of("s3")),
                env("RCLONE_CONFIG_PRIMARY_PROVIDER", Output.of("Linode")),
                env("RCLONE_CONFIG_PRIMARY_ENDPOINT", src.s3Endpoint()),
                env("RCLONE_CONFIG_LOCAL_TYPE", Output.of("s3")),
                env("RCLONE_CONFIG_LOCAL_PROVIDER", Output.of("Linode")),
                env("RCLONE_CONFIG_LOCAL_ENDPOINT", local.s3Endpoint()));
        new CronJob(name + "-asset-mirror", CronJobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(ASSET_MIRROR_JOB).namespace(namespace)
                        .labels(Map.of("app.kubernetes.io/part-of", "shopdr",
                                "shopdr.io/mirrors-from", src.region()))
                        .build())
                .spec(CronJobSpecArgs.builder()
                        .schedule(MirrorSchedule.cron("assets.mirrorIntervalMinutes", assets.mirrorIntervalMinutes()))
                        .timeZone("Etc/UTC")
                        .concurrencyPolicy("Forbid")
                        .startingDeadlineSeconds(assets.mirrorIntervalMinutes() * 60)
                        .successfulJobsHistoryLimit(1)
                        .failedJobsHistoryLimit(3)
                        .jobTemplate(JobTemplateSpecArgs.builder().spec(JobSpecArgs.builder()
                                .backoffLimit(2)
                                .activeDeadlineSeconds(assets.mirrorIntervalMinutes() * 60)
                                .template(PodTemplateSpecArgs.builder().spec(PodSpecArgs.builder()
                                        .restartPolicy("Never")
                                        .containers(ContainerArgs.builder()
                                                .name("rclone")
                                                .image(assets.rcloneImage())
                                                .args(rcloneArgs)
                                                .env(env)
                                                .envFrom(EnvFromSourceArgs.builder().secretRef(
                                                        SecretEnvSourceArgs.builder().name(ASSETS_SECRET).build()).build())
                                                .build())
                                        .build()).build())
                                .build()).build())
                        .build())
                .build(), k8sOptions(k8s, List.of(credentials)));
    }

    private static EnvVarArgs env(String name, Output<String> value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    /** The regional values injected into the store's chart; they override user values of the same keys. */
    static Map<String, Object> storeValues(RegionStackArgs args, String dbHost, Integer dbPort, String dbName,
                                           String redisHost, Map<String, Object> assets) {
        StoreChartArgs store = args.store();
        Map<String, Object> injected = new LinkedHashMap<>();
        injected.put("replicaCount", store.replicas());
        injected.put("region", args.region());
        List<Map<String, Object>> hosts = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(args.domain()));
        names.addAll(args.additionalHosts());
        for (String host : names) {
            hosts.add(Map.of("host", host, "paths", List.of(Map.of("path", "/", "pathType", "Prefix"))));
        }
        injected.put("ingress", Map.of("enabled", true, "className", "nginx", "hosts", hosts));
        injected.put("healthCheck", Map.of("path", store.healthPath()));
        injected.put("database", Map.of(
                "host", dbHost,
                "port", dbPort,
                "name", dbName,
                "existingSecret", DB_SECRET,
                "userKey", "username",
                "passwordKey", "password"));
        injected.put("redis", Map.of("host", redisHost, "port", 6379));
        if (!assets.isEmpty()) {
            injected.put("assets", assets);
        }
        return deepMerge(store.values(), injected);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((k, v) -> {
            Object b = merged.get(k);
            if (b instanceof Map<?, ?> bm && v instanceof Map<?, ?> vm) {
                merged.put(k, deepMerge((Map<String, Object>) bm, (Map<String, Object>) vm));
            } else {
                merged.put(k, v);
            }
        });
        return merged;
    }

    private static ObjectMetaArgs meta(String name, Output<String> namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace)
                .labels(Map.of("app.kubernetes.io/part-of", "shopdr")).build();
    }

    private CustomResourceOptions k8sOptions(Provider k8s, List<Resource> dependsOn) {
        return CustomResourceOptions.builder().parent(this).provider(k8s).dependsOn(dependsOn).build();
    }
}
