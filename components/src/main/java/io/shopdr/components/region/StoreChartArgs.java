package io.shopdr.components.region;

import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The user's store application as a Helm chart: either {@code repository + chart + version} or a local chart
 * {@code path}, plus the replica count and health path RegionStack injects into its values.
 */
public final class StoreChartArgs extends com.pulumi.resources.ResourceArgs {
    private @Nullable String repository;
    private @Nullable String chart;
    private @Nullable String version;
    private @Nullable String path;
    private String namespace = "shop";
    private int replicas = 2;
    private String healthPath = "/healthz";
    private Map<String, Object> values = Map.of();

    private StoreChartArgs() {}

    /** Helm repository URL, e.g. {@code https://charts.example.com}. Required unless {@link #path()} is set. */
    public Optional<String> repository() { return Optional.ofNullable(repository); }

    /** Chart name in the repository. Required unless {@link #path()} is set. */
    public Optional<String> chart() { return Optional.ofNullable(chart); }

    /** Pinned chart version. Required with a repository (unpinned charts make previews drift). */
    public Optional<String> version() { return Optional.ofNullable(version); }

    /** Local chart directory, instead of a repository chart. @default none */
    public Optional<String> path() { return Optional.ofNullable(path); }

    /** Kubernetes namespace of the store (and its Redis). @default "shop" */
    public String namespace() { return namespace; }

    /** Store pod replicas per region. @default 2 */
    public int replicas() { return replicas; }

    /** HTTP path the store answers health checks on (readiness probes, shopdr's probes). @default "/healthz" */
    public String healthPath() { return healthPath; }

    /**
     * Extra chart values; the regional values RegionStack injects (database, redis, assets, ingress, replicaCount,
     * healthCheck) take precedence over keys of the same name. @default none
     */
    public Map<String, Object> values() { return values; }

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link StoreChartArgs}. */
    public static final class Builder {
        private final StoreChartArgs $ = new StoreChartArgs();

        public Builder repository(@Nullable String repository) { $.repository = repository; return this; }
        public Builder chart(@Nullable String chart) { $.chart = chart; return this; }
        public Builder version(@Nullable String version) { $.version = version; return this; }
        public Builder path(@Nullable String path) { $.path = path; return this; }
        public Builder namespace(String namespace) { $.namespace = namespace; return this; }
        public Builder replicas(int replicas) { $.replicas = replicas; return this; }
        public Builder healthPath(String healthPath) { $.healthPath = healthPath; return this; }
        public Builder values(Map<String, Object> values) { $.values = Map.copyOf(values); return this; }

        public StoreChartArgs build() { return $; }
    }
}
