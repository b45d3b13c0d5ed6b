package io.shopdr.components.region;

import com.pulumi.core.Output;
import io.shopdr.validation.Problem;
import io.shopdr.validation.Problems;
import io.shopdr.validation.Rules;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Arguments of a {@link RegionStack}: one region's LKE cluster, ingress, store release, Redis and static assets.
 * Plain (non-Output) values are validated when the component is constructed, so mistakes fail at preview.
 */
public final class RegionStackArgs extends com.pulumi.resources.ResourceArgs {
    /**
     * Traefik Helm chart version installed by default (pinned so previews do not drift): chart 41.3.0 of
     * github.com/traefik/traefik-helm-chart, Traefik proxy v3.7.11 (its {@code appVersion}).
     */
    public static final String DEFAULT_INGRESS_CHART_VERSION = "41.3.0";
    /**
     * The official Redis image (Docker Official Images, {@code library/redis}: 8.10.1 is the current stable line,
     * Debian trixie based), pinned to the exact patch release.
     */
    public static final String DEFAULT_REDIS_IMAGE = "redis:8.10.1";

    private String region;
    private String kubernetesVersion;
    private List<NodePoolArgs> nodePools = List.of();
    private boolean highAvailabilityControlPlane = true;
    private List<String> controlPlaneAllowedCidrs = List.of();
    private List<String> tags = List.of("shopdr");
    private String domain;
    private List<String> additionalHosts = List.of();
    private String ingressChartVersion = DEFAULT_INGRESS_CHART_VERSION;
    private String redisImage = DEFAULT_REDIS_IMAGE;
    private @Nullable Output<String> imagePullSecret;
    private StoreChartArgs store;
    private DatabaseConnectionArgs database;
    private @Nullable AssetsArgs assets;
    private @Nullable String labelPrefix;

    private RegionStackArgs() {}

    /** Linode region id, e.g. {@code us-east}. Required; must be a known Linode region. */
    public String region() { return region; }

    /** LKE Kubernetes version, e.g. {@code 1.31}; the same in every region. Required. */
    public String kubernetesVersion() { return kubernetesVersion; }

    /** Node pools of the cluster. Required: at least one. */
    public List<NodePoolArgs> nodePools() { return nodePools; }

    /** Whether LKE runs a highly available control plane (recommended for production). @default true */
    public boolean highAvailabilityControlPlane() { return highAvailabilityControlPlane; }

    /**
     * CIDRs allowed to reach the Kubernetes API (LKE control-plane ACL). Empty leaves the ACL off.
     * @default none (ACL off: the API is reachable from anywhere, token-authenticated)
     */
    public List<String> controlPlaneAllowedCidrs() { return controlPlaneAllowedCidrs; }

    /** Tags put on the cluster and its node pools. @default ["shopdr"] */
    public List<String> tags() { return tags; }

    /** The shop's domain, used as the ingress host of the store. Required. */
    public String domain() { return domain; }

    /** Further host names the store's ingress answers, e.g. {@code www.shop.example.com}. @default none */
    public List<String> additionalHosts() { return additionalHosts; }

    /** Traefik Helm chart version (the ingress controller). @default {@value #DEFAULT_INGRESS_CHART_VERSION} */
    public String ingressChartVersion() { return ingressChartVersion; }

    /** Image of this region's Redis (cache and sessions). @default {@value #DEFAULT_REDIS_IMAGE} */
    public String redisImage() { return redisImage; }

    /**
     * A {@code .dockerconfigjson} document (a Pulumi secret) for pulling the store's image from a private
     * registry: it becomes the Secret {@link RegionStack#REGISTRY_SECRET} in the store's namespace and the
     * chart's {@code imagePullSecrets}. @default none (public images)
     */
    public Optional<Output<String>> imagePullSecret() { return Optional.ofNullable(imagePullSecret); }

    /** The store's Helm chart. Required. */
    public StoreChartArgs store() { return store; }

    /** This region's database connection. Required. */
    public DatabaseConnectionArgs database() { return database; }

    /** Static assets bucket (and mirror in standby regions). @default none (no bucket) */
    public Optional<AssetsArgs> assets() { return Optional.ofNullable(assets); }

    /**
     * Every problem with these args, each naming the field and the fix; empty when valid. Only plain values are
     * checked (Outputs are unknown at preview).
     */
    public List<Problem> problems() {
        Problems problems = new Problems("RegionStack arguments");
        if (problems.require(region != null && !region.isBlank(), "region", "is missing", "set the Linode region id, e.g. us-east")
                && Rules.regionId(problems, "region", region)) {
            problems.require(LinodeRegions.isKnown(region), "region", "\"" + region + "\" is not a known Linode region id "
                    + "with LKE, NodeBalancers and Object Storage", "use one of: " + LinodeRegions.listing());
        }
        problems.require(kubernetesVersion != null && kubernetesVersion.matches("\\d+\\.\\d+"), "kubernetesVersion",
                "\"" + kubernetesVersion + "\" is not an LKE version", "use major.minor, e.g. 1.31");
        problems.require(!nodePools.isEmpty(), "nodePools", "is empty",
                "give at least one pool, e.g. type g6-dedicated-4, min 3, max 6");
        for (int i = 0; i < nodePools.size(); i++) {
            NodePoolArgs p = nodePools.get(i);
            String f = "nodePools[" + i + "]";
            problems.require(p.type() != null && !p.type().isBlank(), f + ".type", "is missing",
                    "set a Linode plan type, e.g. g6-dedicated-4");
            problems.require(p.min() >= 1, f + ".min", "is " + p.min(), "a pool needs at least 1 node");
            problems.require(p.min() <= p.max(), f + ".min", "(" + p.min() + ") is greater than " + f + ".max ("
                    + p.max() + ")", "raise max or lower min so that min <= max");
            problems.require(p.max() <= 100, f + ".max", "is " + p.max(), "LKE pools hold at most 100 nodes");
        }
        Rules.cidrs(problems, "controlPlaneAllowedCidrs", controlPlaneAllowedCidrs);
        for (int i = 0; i < additionalHosts.size(); i++) {
            Rules.dnsName(problems, "additionalHosts[" + i + "]", additionalHosts.get(i));
        }
        if (labelPrefix != null) {
            Rules.label(problems, "labelPrefix", labelPrefix, 32);
        }
        problems.require(redisImage != null && !redisImage.isBlank() && !redisImage.contains(" "), "redisImage",
                "\"" + redisImage + "\" is not an image reference", "use e.g. " + DEFAULT_REDIS_IMAGE);
        problems.require(domain != null && !domain.isBlank(), "domain", "is missing", "set the shop's domain, e.g. shop.example.com");
        if (problems.require(store != null, "store", "is missing",
                "give the store's Helm chart (repository + chart + version, or path)")) {
            boolean fromRepo = store.chart().isPresent();
            if (problems.require(fromRepo != store.path().isPresent(), "store", "sets " + (fromRepo ? "both" : "neither")
                    + " chart and path", "set either chart (with repository and version) or path")) {
                problems.require(!fromRepo || store.repository().isPresent() && store.version().isPresent(), "store.chart",
                        "\"" + store.chart().orElse("") + "\" has no repository or no version",
                        "set store.repository and a pinned store.version");
            }
            problems.require(store.replicas() >= 1, "store.replicas", "is " + store.replicas(), "run at least 1 replica");
            problems.require(store.healthPath().startsWith("/"), "store.healthPath",
                    "\"" + store.healthPath() + "\" does not start with '/'", "write an absolute path, e.g. /healthz");
            problems.require(store.namespace().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"), "store.namespace",
                    "\"" + store.namespace() + "\" is not a Kubernetes namespace name", "use lowercase letters, digits, '-', at most 63");
        }
        problems.require(database != null, "database", "is missing",
                "give this region's database host, port, name, user and password");
        if (assets != null) {
            problems.require(assets.bucketLabel() != null && AssetsArgs.BUCKET_LABEL.matcher(assets.bucketLabel()).matches(),
                    "assets.bucketLabel", "\"" + assets.bucketLabel() + "\" breaks Linode's bucket naming rules",
                    "use 3-63 characters of a-z, 0-9, '-' and '.', starting and ending with a letter or digit, "
                            + "no '--' or '..', e.g. shop-assets-us-east");
            MirrorSchedule.check(problems, "assets.mirrorIntervalMinutes", assets.mirrorIntervalMinutes());
            assets.mirrorFrom().ifPresent(src -> problems.require(!src.region().equals(region), "assets.mirrorFrom",
                    "is this region (" + region + ")", "only standby regions mirror the primary's bucket; leave "
                            + "mirrorFrom unset in the primary"));
        }
        return problems.list();
    }

    /**
     * Label of the LKE cluster (Linode requires it unique per account, 1–32 characters) and prefix of the assets key's
     * label; include the stack name when several stacks share an account. @default "shopdr-&lt;component name&gt;"
     */
    public Optional<String> labelPrefix() { return Optional.ofNullable(labelPrefix); }

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link RegionStackArgs}. */
    public static final class Builder {
        private final RegionStackArgs $ = new RegionStackArgs();

        public Builder region(String region) { $.region = region; return this; }
        public Builder kubernetesVersion(String version) { $.kubernetesVersion = version; return this; }
        public Builder nodePools(List<NodePoolArgs> pools) { $.nodePools = pools == null ? List.of() : List.copyOf(pools); return this; }
        public Builder nodePools(NodePoolArgs... pools) { return nodePools(List.of(pools)); }
        public Builder highAvailabilityControlPlane(boolean ha) { $.highAvailabilityControlPlane = ha; return this; }
        public Builder controlPlaneAllowedCidrs(List<String> cidrs) { $.controlPlaneAllowedCidrs = cidrs == null ? List.of() : List.copyOf(cidrs); return this; }
        public Builder controlPlaneAllowedCidrs(String... cidrs) { return controlPlaneAllowedCidrs(List.of(cidrs)); }
        public Builder tags(List<String> tags) { $.tags = List.copyOf(tags); return this; }
        public Builder tags(String... tags) { return tags(List.of(tags)); }
        public Builder domain(String domain) { $.domain = domain; return this; }
        public Builder additionalHosts(List<String> hosts) { $.additionalHosts = hosts == null ? List.of() : List.copyOf(hosts); return this; }
        public Builder additionalHosts(String... hosts) { return additionalHosts(List.of(hosts)); }
        public Builder ingressChartVersion(String version) { $.ingressChartVersion = version; return this; }
        public Builder redisImage(String image) { $.redisImage = image; return this; }
        public Builder imagePullSecret(@Nullable Output<String> dockerConfigJson) { $.imagePullSecret = dockerConfigJson; return this; }
        public Builder imagePullSecret(String dockerConfigJson) { return imagePullSecret(Output.ofSecret(dockerConfigJson)); }
        public Builder store(StoreChartArgs store) { $.store = store; return this; }
        public Builder database(DatabaseConnectionArgs database) { $.database = database; return this; }
        public Builder assets(@Nullable AssetsArgs assets) { $.assets = assets; return this; }
        public Builder labelPrefix(@Nullable String labelPrefix) { $.labelPrefix = labelPrefix; return this; }

        /** Builds the args; validation happens in {@link RegionStack} so every problem is reported at once. */
        public RegionStackArgs build() { return $; }
    }
}
