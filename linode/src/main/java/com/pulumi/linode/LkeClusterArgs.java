package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.linode.inputs.LkeClusterControlPlaneArgs;
import com.pulumi.linode.inputs.LkeClusterPoolArgs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link LkeCluster} resource. */
public final class LkeClusterArgs extends com.pulumi.resources.ResourceArgs {
    public static final LkeClusterArgs Empty = new LkeClusterArgs();

    @Import(name="controlPlane")
    private @Nullable Output<LkeClusterControlPlaneArgs> controlPlane;

    @Import(name="k8sVersion", required=true)
    private Output<String> k8sVersion;

    @Import(name="label", required=true)
    private Output<String> label;

    @Import(name="pools")
    private @Nullable Output<List<LkeClusterPoolArgs>> pools;

    @Import(name="region", required=true)
    private Output<String> region;

    @Import(name="tags")
    private @Nullable Output<List<String>> tags;

    public Optional<Output<LkeClusterControlPlaneArgs>> controlPlane() { return Optional.ofNullable(this.controlPlane); }
    public Output<String> k8sVersion() { return this.k8sVersion; }
    public Output<String> label() { return this.label; }
    public Optional<Output<List<LkeClusterPoolArgs>>> pools() { return Optional.ofNullable(this.pools); }
    public Output<String> region() { return this.region; }
    public Optional<Output<List<String>>> tags() { return Optional.ofNullable(this.tags); }

    private LkeClusterArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link LkeClusterArgs}. */
    public static final class Builder {
        private final LkeClusterArgs $ = new LkeClusterArgs();
        public Builder controlPlane(@Nullable Output<LkeClusterControlPlaneArgs> controlPlane) { $.controlPlane = controlPlane; return this; }
        public Builder controlPlane(LkeClusterControlPlaneArgs controlPlane) { return controlPlane(Output.of(controlPlane)); }
        public Builder k8sVersion(Output<String> k8sVersion) { $.k8sVersion = k8sVersion; return this; }
        public Builder k8sVersion(String k8sVersion) { return k8sVersion(Output.of(k8sVersion)); }
        public Builder label(Output<String> label) { $.label = label; return this; }
        public Builder label(String label) { return label(Output.of(label)); }
        public Builder pools(@Nullable Output<List<LkeClusterPoolArgs>> pools) { $.pools = pools; return this; }
        public Builder pools(List<LkeClusterPoolArgs> pools) { return pools(Output.of(pools)); }
        public Builder pools(LkeClusterPoolArgs... pools) { return pools(List.of(pools)); }
        public Builder region(Output<String> region) { $.region = region; return this; }
        public Builder region(String region) { return region(Output.of(region)); }
        public Builder tags(@Nullable Output<List<String>> tags) { $.tags = tags; return this; }
        public Builder tags(List<String> tags) { return tags(Output.of(tags)); }
        public Builder tags(String... tags) { return tags(List.of(tags)); }
        public LkeClusterArgs build() {
            $.k8sVersion = Objects.requireNonNull($.k8sVersion, "expected parameter 'k8sVersion' to be non-null");
            $.label = Objects.requireNonNull($.label, "expected parameter 'label' to be non-null");
            $.region = Objects.requireNonNull($.region, "expected parameter 'region' to be non-null");
            return $;
        }
    }
}
