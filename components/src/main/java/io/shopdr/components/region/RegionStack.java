package io.shopdr.components.region;

import io.shopdr.components.RestrictedContainer;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
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
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
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
import java.util.stream.Stream;
import io.shopdr.validation.Cidr;
import io.shopdr.validation.Problems;
import javax.annotation.Nullable;

/**
 * One region's serving estate, declared in named steps: the {@linkplain #cluster cluster} (LKE and a Kubernetes
 * provider built from its secret kubeconfig), the {@linkplain #ingress ingress} (Traefik behind a NodeBalancer),
 * the {@linkplain #cache cache} (the official Redis image), the {@linkplain #assets assets} bucket (copied from the
 * primary's by an rclone CronJob in standby regions) and the {@linkplain #store store}'s Helm release wired to this
 * region's database.
 *
 * <p>Every Kubernetes child gets the cluster's provider explicitly, so several regions never share a default
 * provider. Plain arguments are validated before anything is registered: a bad value fails the preview with one
 * message listing every problem.
 */
public final class RegionStack extends ComponentResource {
    /** Pulumi type token of this component. */
    public static final String TYPE = "shopdr:index:RegionStack";
    /** Namespace and Helm release name of Traefik; its LoadBalancer Service is {@code traefik/traefik}. */
    public static final String INGRESS_NAMESPACE = "traefik";
    /** The IngressClass Traefik registers (the cluster's default) and the store's ingress uses. */
    public static final String INGRESS_CLASS = "traefik";
    /** Name of the Kubernetes Secret holding the store's database user, password and CA ({@code ca.pem}). */
    public static final String DB_SECRET = "shop-db";
    /** Name of the Kubernetes Secret holding the assets bucket's S3 keys. */
    public static final String ASSETS_SECRET = "shop-assets";
    /** Name of the {@code kubernetes.io/dockerconfigjson} Secret for private images, when one is given. */
    public static final String REGISTRY_SECRET = "shopdr-registry";
    /** Name of the CronJob mirroring the primary's bucket; read {@code status.lastSuccessfulTime} for its last success. */
    public static final String ASSET_MIRROR_JOB = "asset-mirror";
    /** Helm release name of the store. */
    public static final String STORE_RELEASE = "shop";
    /** Name of Redis's Deployment, Service and NetworkPolicy in the store's namespace. */
    public static final String REDIS_NAME = "redis";
    /** Redis's port. */
    public static final int REDIS_PORT = 6379;

    static final String INGRESS_REPO = "https://traefik.github.io/charts";
    /** uid/gid of the {@code redis} user of the official image's Debian variant. */
    static final int REDIS_UID = 999;

    @Export(name="clusterId", refs={String.class}, tree="[0]")
    private Output<String> clusterId;
    @Export(name="kubeconfig", refs={String.class}, tree="[0]")
    private Output<String> kubeconfig;
    @Export(name="ingressIp", refs={String.class}, tree="[0]")
    private Output<String> ingressIp;
    @Export(name="namespace", refs={String.class}, tree="[0]")
    private Output<String> namespace;
    @Export(name="redisHost", refs={String.class}, tree="[0]")
    private Output<String> redisHost;
    @Export(name="nodeIds", refs={List.class,Integer.class}, tree="[0,1]")
    private Output<List<Integer>> nodeIds;
    @Export(name="bucketLabel", refs={String.class}, tree="[0]")
    private Output</* @Nullable */ String> bucketLabel;
    @Export(name="s3Endpoint", refs={String.class}, tree="[0]")
    private Output</* @Nullable */ String> s3Endpoint;
    @Export(name="assetMirrorJob", refs={String.class}, tree="[0]")
    private Output</* @Nullable */ String> assetMirrorJob;
    private Provider provider;

    public RegionStack(String name, RegionStackArgs args) {
        this(name, args, null);
    }

    public RegionStack(String name, RegionStackArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, validated(name, args, options));
        String labelPrefix = args.labelPrefix().orElse("shopdr-" + name);

        Cluster cluster = cluster(name, labelPrefix, args);
        Output<String> ingressIp = ingress(name, args, cluster.k8s());
        Namespace ns = new Namespace(name + "-store-ns", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.store().namespace())
                        .labels(Map.of("app.kubernetes.io/part-of", "shopdr")).build())
                .build(), k8sOptions(cluster.k8s(), List.of()));
        Output<String> namespace = ns.metadata().applyValue(m -> m.name().orElse(args.store().namespace()));
        Cache cache = cache(name, args, namespace, cluster.k8s());
        Optional<Assets> assets = args.assets().map(a -> assets(name, labelPrefix, args.region(), a, namespace, cluster.k8s()));
        store(name, args, namespace, cluster.k8s(), cache, assets);

        this.clusterId = cluster.lke().id();
        this.kubeconfig = cluster.kubeconfig();
        this.provider = cluster.k8s();
        this.ingressIp = ingressIp;
        this.namespace = namespace;
        this.redisHost = cache.host();
        this.nodeIds = cluster.nodeIds();
        this.bucketLabel = assets.map(Assets::bucketLabel).orElse(Output.ofNullable(null));
        this.s3Endpoint = assets.map(Assets::s3Endpoint).orElse(Output.ofNullable(null));
        this.assetMirrorJob = Output.ofNullable(assets.flatMap(Assets::mirrorJob).orElse(null));
        Map<String, Output<?>> registered = new LinkedHashMap<>();
        registered.put("clusterId", clusterId);
        registered.put("kubeconfig", kubeconfig);
        registered.put("ingressIp", ingressIp);
        registered.put("namespace", namespace);
        registered.put("redisHost", redisHost);
        registered.put("nodeIds", nodeIds);
        registered.put("bucketLabel", bucketLabel);
        registered.put("s3Endpoint", s3Endpoint);
        registered.put("assetMirrorJob", assetMirrorJob);
        registerOutputs(registered);
    }

    /** LKE cluster id. */
    public Output<String> clusterId() { return clusterId; }

    /** The cluster's kubeconfig (YAML), a Pulumi secret. */
    public Output<String> kubeconfig() { return kubeconfig; }

    /** Public IP of the Traefik LoadBalancer Service (the region's NodeBalancer). */
    public Output<String> ingressIp() { return ingressIp; }

    /** The store's namespace. */
    public Output<String> namespace() { return namespace; }

    /** In-cluster host name of this region's Redis. */
    public Output<String> redisHost() { return redisHost; }

    /**
     * The Linode instance ids of the cluster's nodes (every pool, pool then node order): the databases' firewalls
     * admit them, and the cloud drill cuts them off with a Cloud Firewall together with the region's database.
     */
    public Output<List<Integer>> nodeIds() { return nodeIds; }

    /** Label of this region's assets bucket; empty when no assets were configured. */
    public Output<Optional<String>> bucketLabel() { return bucketLabel.applyValue(Optional::ofNullable); }

    /** S3 endpoint of this region's assets bucket; empty when no assets were configured. */
    public Output<Optional<String>> s3Endpoint() { return s3Endpoint.applyValue(Optional::ofNullable); }

    /**
     * Name of the CronJob mirroring the primary's bucket (standby regions only; its {@code status.lastSuccessfulTime}
     * is the mirror's last success); empty in the primary and without assets.
     */
    public Output<Optional<String>> assetMirrorJob() { return assetMirrorJob.applyValue(Optional::ofNullable); }

    /**
     * The Kubernetes provider for this cluster (a resource, not an output): pass it explicitly to further Kubernetes
     * resources in this region.
     */
    public Provider provider() { return provider; }

    /** What the cluster step gives the later steps. */
    private record Cluster(LkeCluster lke, Output<String> kubeconfig, Provider k8s, Output<List<Integer>> nodeIds) {}

    /** What the cache step gives the store. */
    private record Cache(Resource service, Output<String> host) {}

    /** What the assets step gives the store and the outputs. */
    private record Assets(Secret credentials, Output<String> bucketLabel, Output<String> s3Endpoint,
                          Optional<String> mirrorJob, Output<Map<String, Object>> values) {}

    /** Step 1: the LKE cluster, the Kubernetes provider from its (secret) kubeconfig, and its nodes' Linode ids. */
    private Cluster cluster(String name, String labelPrefix, RegionStackArgs args) {
        LkeCluster cluster = new LkeCluster(name + "-lke", clusterArgs(labelPrefix, args),
                CustomResourceOptions.builder().parent(this).build());
        Output<String> kubeconfig = cluster.kubeconfig()
                .applyValue(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8))
                .asSecret();
        Provider k8s = new Provider(name + "-k8s", ProviderArgs.builder().kubeconfig(kubeconfig).build(),
                CustomResourceOptions.builder().parent(this).build());
        // the Linodes behind the cluster, in pool then node order (database firewalls admit them; the cloud drill
        // firewalls them off)
        Output<List<Integer>> nodeIds = cluster.pools().applyValue(pools -> pools == null ? List.<Integer>of()
                : pools.stream().flatMap(p -> p.nodes() == null ? Stream.<LkeClusterPoolNode>empty() : p.nodes().stream())
                        .map(LkeClusterPoolNode::instanceId).toList());
        return new Cluster(cluster, kubeconfig, k8s, nodeIds);
    }

    /**
     * Step 2: Traefik as the cluster's default IngressClass, exposed as a LoadBalancer Service that LKE's CCM turns
     * into a NodeBalancer; returns that NodeBalancer's public IP. Every values key set here exists in the chart's
     * {@code values.yaml} at {@value RegionStackArgs#DEFAULT_INGRESS_CHART_VERSION}.
     */
    private Output<String> ingress(String name, RegionStackArgs args, Provider k8s) {
        Release ingress = new Release(name + "-ingress", ReleaseArgs.builder()
                .name(INGRESS_NAMESPACE)
                .chart("traefik")
                .version(args.ingressChartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(INGRESS_REPO).build())
                .namespace(INGRESS_NAMESPACE)
                .createNamespace(true)
                .values(Map.of(
                        "deployment", Map.of("replicas", 2),
                        "ingressClass", Map.of("enabled", true, "isDefaultClass", true, "name", INGRESS_CLASS),
                        "service", Map.of("spec", Map.of("type", "LoadBalancer")),
                        "resources", Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi"),
                                "limits", Map.of("memory", "256Mi"))))
                .build(), k8sOptions(k8s, List.of()));
        // the chart names the Service after the release (its fullname, as the release name contains "traefik")
        Service controller = Service.get(name + "-ingress-controller",
                Output.of(INGRESS_NAMESPACE + "/" + INGRESS_NAMESPACE),
                k8sOptions(k8s, List.of(ingress)));
        return controller.status().applyValue(s -> s == null ? "" : s
                .flatMap(st -> st.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(i -> i.ip().or(i::hostname))
                .orElse(""));
    }

    /**
     * Step 3: Redis for cache and sessions, one per region and never replicated across regions (see README), from
     * the official image: non-root, read-only root file system, no persistence (it is a cache: a restarted pod
     * starts empty like a failed-over region does), memory-bounded with LRU eviction. A NetworkPolicy admits only
     * pods of the store's namespace, so it needs no password.
     */
    private Cache cache(String name, RegionStackArgs args, Output<String> namespace, Provider k8s) {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", REDIS_NAME, "app.kubernetes.io/part-of", "shopdr");
        ObjectMetaArgs meta = ObjectMetaArgs.builder().name(REDIS_NAME).namespace(namespace).labels(labels).build();
        ContainerArgs redis = ContainerArgs.builder()
                .name(REDIS_NAME)
                .image(args.redisImage())
                .args("redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no",
                        "--maxmemory", "200mb", "--maxmemory-policy", "allkeys-lru")
                .ports(ContainerPortArgs.builder().name("redis").containerPort(REDIS_PORT).build())
                .readinessProbe(ProbeArgs.builder().exec(ExecActionArgs.builder()
                        .command("redis-cli", "ping").build()).periodSeconds(5).build())
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", "100m", "memory", "256Mi"))
                        .limits(Map.of("memory", "320Mi"))
                        .build())
                .securityContext(RestrictedContainer.securityContext())
                .volumeMounts(VolumeMountArgs.builder().name("data").mountPath("/data").build())
                .build();
        Deployment deployment = new Deployment(name + "-redis", DeploymentArgs.builder()
                .metadata(meta)
                .spec(DeploymentSpecArgs.builder()
                        .replicas(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(Map.of("app.kubernetes.io/name", REDIS_NAME)).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(PodSpecArgs.builder()
                                        .automountServiceAccountToken(false)
                                        .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true)
                                                .runAsUser(REDIS_UID).runAsGroup(REDIS_UID).fsGroup(REDIS_UID).build())
                                        .containers(redis)
                                        .volumes(VolumeArgs.builder().name("data")
                                                .emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build())
                                        .build())
                                .build())
                        .build())
                .build(), k8sOptions(k8s, List.of()));
        Service service = new Service(name + "-redis-service", ServiceArgs.builder()
                .metadata(meta)
                .spec(ServiceSpecArgs.builder()
                        .selector(Map.of("app.kubernetes.io/name", REDIS_NAME))
                        .ports(ServicePortArgs.builder().name("redis").port(REDIS_PORT).targetPort(REDIS_PORT).build())
                        .build())
                .build(), k8sOptions(k8s, List.of(deployment)));
        // an empty podSelector in a "from" rule means every pod of the policy's own namespace
        new NetworkPolicy(name + "-redis-policy", NetworkPolicyArgs.builder()
                .metadata(meta)
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(Map.of("app.kubernetes.io/name", REDIS_NAME)).build())
                        .policyTypes("Ingress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(NetworkPolicyPeerArgs.builder().podSelector(LabelSelectorArgs.builder().build()).build())
                                .ports(NetworkPolicyPortArgs.builder().port(REDIS_PORT).protocol("TCP").build())
                                .build())
                        .build())
                .build(), k8sOptions(k8s, List.of()));
        return new Cache(service, namespace.applyValue(n -> REDIS_NAME + "." + n + ".svc.cluster.local"));
    }

    /** Step 4: the region's assets bucket, its key and Secret, and in standby regions the mirror CronJob. */
    private Assets assets(String name, String labelPrefix, String region, AssetsArgs assets, Output<String> namespace,
                          Provider k8s) {
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
        Secret credentials = new Secret(name + "-assets-credentials", SecretArgs.builder()
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
        Optional<String> mirrorJob = Optional.empty();
        if (assets.mirrorFrom().isPresent()) {
            assetMirror(name, assets, assets.mirrorFrom().get(), bucket, namespace, k8s, credentials);
            mirrorJob = Optional.of(ASSET_MIRROR_JOB);
        }
        Output<Map<String, Object>> values = Output.tuple(bucket.label(), bucket.s3Endpoint()).applyValue(t -> Map.of(
                "bucket", t.t1, "endpoint", t.t2, "region", region, "existingSecret", ASSETS_SECRET));
        return new Assets(credentials, bucket.label(), bucket.s3Endpoint(), mirrorJob, values);
    }

    /**
     * Step 5: the store's Helm release with this region's values ({@link #storeValues}); its database credentials
     * and CA in the Secret {@link #DB_SECRET}, and the registry Secret when the store's image is private.
     */
    private void store(String name, RegionStackArgs args, Output<String> namespace, Provider k8s, Cache cache,
                       Optional<Assets> assets) {
        StoreChartArgs store = args.store();
        DatabaseConnectionArgs db = args.database();
        Secret dbSecret = new Secret(name + "-db-credentials", SecretArgs.builder()
                .metadata(meta(DB_SECRET, namespace))
                .type("Opaque")
                .stringData(Output.tuple(db.user(), db.password(), db.caCertificate())
                        .applyValue(t -> Map.of("username", t.t1, "password", t.t2, "ca.pem", t.t3))
                        .asSecret())
                .build(), k8sOptions(k8s, List.of()));
        List<Resource> dependsOn = new ArrayList<>(List.of(dbSecret, cache.service()));
        assets.ifPresent(a -> dependsOn.add(a.credentials()));
        args.imagePullSecret().ifPresent(config -> dependsOn.add(registrySecret(name + "-registry", namespace, config, k8s)));

        Output<Map<String, Object>> assetValues = assets.map(Assets::values).orElse(Output.of(Map.of()));
        Output<Map<String, Object>> storeValues = Output.tuple(db.host(), db.port(), db.name(), db.caCertificate(),
                        cache.host(), assetValues)
                .applyValue(t -> storeValues(args, new StoreDatabase(t.t1, t.t2, t.t3, t.t4), t.t5, t.t6));
        ReleaseArgs.Builder release = ReleaseArgs.builder()
                .name(STORE_RELEASE)
                .namespace(namespace)
                .values(storeValues);
        if (store.path().isPresent()) {
            release.chart(store.path().get());
        } else {
            release.chart(store.chart().orElseThrow())
                    .version(store.version().orElseThrow())
                    .repositoryOpts(RepositoryOptsArgs.builder().repo(store.repository().orElseThrow()).build());
        }
        new Release(name + "-store", release.build(), k8sOptions(k8s, dependsOn));
    }

    /**
     * A {@code kubernetes.io/dockerconfigjson} Secret named {@link #REGISTRY_SECRET} from a {@code .dockerconfigjson}
     * document (a Pulumi secret end to end), for pods that pull private images.
     */
    private Secret registrySecret(String resourceName, Output<String> namespace, Output<String> dockerConfigJson,
                                  Provider k8s) {
        return new Secret(resourceName, RestrictedContainer.registrySecret(meta(REGISTRY_SECRET, namespace), dockerConfigJson),
                k8sOptions(k8s, List.of()));
    }

    /** Validates before the component registers anything, so a bad argument never half-applies. */
    private static ComponentResourceOptions validated(String name, RegionStackArgs args,
                                                      @Nullable ComponentResourceOptions options) {
        Problems problems = new Problems("arguments of RegionStack '" + name + "'");
        if (problems.require(args != null, "args", "are missing", "pass RegionStackArgs.builder()...build()")) {
            problems.addAll(args.problems());
        }
        problems.throwIfAny();
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
                (Cidr.parse(c).ipv6() ? v6 : v4).add(c.trim());
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

    /** This region's database as the store's values see it. */
    record StoreDatabase(String host, Integer port, String name, String caCertificate) {}

    /** The regional values injected into the store's chart; they override user values of the same keys. */
    static Map<String, Object> storeValues(RegionStackArgs args, StoreDatabase db, String redisHost,
                                           Map<String, Object> assets) {
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
        injected.put("ingress", Map.of("enabled", true, "className", INGRESS_CLASS, "hosts", hosts));
        injected.put("healthCheck", Map.of("path", store.healthPath()));
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("host", db.host());
        database.put("port", db.port());
        database.put("name", db.name());
        database.put("existingSecret", DB_SECRET);
        database.put("userKey", "username");
        database.put("passwordKey", "password");
        // the application user is created REQUIRE SSL: the store must connect with TLS and verify the CA
        database.put("tls", Map.of("required", true, "ca", db.caCertificate(), "caKey", "ca.pem"));
        injected.put("database", database);
        injected.put("redis", Map.of("host", redisHost, "port", REDIS_PORT));
        if (!assets.isEmpty()) {
            injected.put("assets", assets);
        }
        if (args.imagePullSecret().isPresent()) {
            injected.put("imagePullSecrets", List.of(Map.of("name", REGISTRY_SECRET)));
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
