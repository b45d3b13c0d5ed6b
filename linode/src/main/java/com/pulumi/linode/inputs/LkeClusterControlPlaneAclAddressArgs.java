package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** Addresses allowed to reach an LKE cluster's control plane. */
public final class LkeClusterControlPlaneAclAddressArgs extends com.pulumi.resources.ResourceArgs {
    public static final LkeClusterControlPlaneAclAddressArgs Empty = new LkeClusterControlPlaneAclAddressArgs();

    @Import(name="ipv4s")
    private @Nullable Output<List<String>> ipv4s;
    @Import(name="ipv6s")
    private @Nullable Output<List<String>> ipv6s;

    public Optional<Output<List<String>>> ipv4s() { return Optional.ofNullable(this.ipv4s); }
    public Optional<Output<List<String>>> ipv6s() { return Optional.ofNullable(this.ipv6s); }

    private LkeClusterControlPlaneAclAddressArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link LkeClusterControlPlaneAclAddressArgs}. */
    public static final class Builder {
        private final LkeClusterControlPlaneAclAddressArgs $ = new LkeClusterControlPlaneAclAddressArgs();
        public Builder ipv4s(@Nullable Output<List<String>> v) { $.ipv4s = v; return this; }
        public Builder ipv4s(List<String> v) { return ipv4s(Output.of(v)); }
        public Builder ipv6s(@Nullable Output<List<String>> v) { $.ipv6s = v; return this; }
        public Builder ipv6s(List<String> v) { return ipv6s(Output.of(v)); }
        public LkeClusterControlPlaneAclAddressArgs build() { return $; }
    }
}
