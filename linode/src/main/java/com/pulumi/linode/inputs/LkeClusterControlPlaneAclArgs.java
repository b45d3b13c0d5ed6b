package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** Access control list of an LKE cluster's control plane. */
public final class LkeClusterControlPlaneAclArgs extends com.pulumi.resources.ResourceArgs {
    public static final LkeClusterControlPlaneAclArgs Empty = new LkeClusterControlPlaneAclArgs();

    @Import(name="addresses")
    private @Nullable Output<List<LkeClusterControlPlaneAclAddressArgs>> addresses;
    @Import(name="enabled")
    private @Nullable Output<Boolean> enabled;

    public Optional<Output<List<LkeClusterControlPlaneAclAddressArgs>>> addresses() { return Optional.ofNullable(this.addresses); }
    public Optional<Output<Boolean>> enabled() { return Optional.ofNullable(this.enabled); }

    private LkeClusterControlPlaneAclArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link LkeClusterControlPlaneAclArgs}. */
    public static final class Builder {
        private final LkeClusterControlPlaneAclArgs $ = new LkeClusterControlPlaneAclArgs();
        public Builder addresses(@Nullable Output<List<LkeClusterControlPlaneAclAddressArgs>> v) { $.addresses = v; return this; }
        public Builder addresses(List<LkeClusterControlPlaneAclAddressArgs> v) { return addresses(Output.of(v)); }
        public Builder enabled(@Nullable Output<Boolean> v) { $.enabled = v; return this; }
        public Builder enabled(Boolean v) { return enabled(Output.of(v)); }
        public LkeClusterControlPlaneAclArgs build() { return $; }
    }
}
