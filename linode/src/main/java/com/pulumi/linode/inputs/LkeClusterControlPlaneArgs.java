package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** Control plane settings of an LKE cluster. */
public final class LkeClusterControlPlaneArgs extends com.pulumi.resources.ResourceArgs {
    public static final LkeClusterControlPlaneArgs Empty = new LkeClusterControlPlaneArgs();

    @Import(name="acl")
    private @Nullable Output<LkeClusterControlPlaneAclArgs> acl;
    @Import(name="highAvailability")
    private @Nullable Output<Boolean> highAvailability;

    public Optional<Output<LkeClusterControlPlaneAclArgs>> acl() { return Optional.ofNullable(this.acl); }
    public Optional<Output<Boolean>> highAvailability() { return Optional.ofNullable(this.highAvailability); }

    private LkeClusterControlPlaneArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link LkeClusterControlPlaneArgs}. */
    public static final class Builder {
        private final LkeClusterControlPlaneArgs $ = new LkeClusterControlPlaneArgs();
        public Builder acl(@Nullable Output<LkeClusterControlPlaneAclArgs> v) { $.acl = v; return this; }
        public Builder acl(LkeClusterControlPlaneAclArgs v) { return acl(Output.of(v)); }
        public Builder highAvailability(@Nullable Output<Boolean> v) { $.highAvailability = v; return this; }
        public Builder highAvailability(Boolean v) { return highAvailability(Output.of(v)); }
        public LkeClusterControlPlaneArgs build() { return $; }
    }
}
