package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Optional;
import javax.annotation.Nullable;

/** Data exposed to an instance through the Linode Metadata service (cloud-init user data). */
public final class InstanceMetadataArgs extends com.pulumi.resources.ResourceArgs {
    public static final InstanceMetadataArgs Empty = new InstanceMetadataArgs();

    @Import(name="userData")
    private @Nullable Output<String> userData;

    /** The base64-encoded user data; changing it replaces the instance. */
    public Optional<Output<String>> userData() { return Optional.ofNullable(this.userData); }

    private InstanceMetadataArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link InstanceMetadataArgs}. */
    public static final class Builder {
        private final InstanceMetadataArgs $ = new InstanceMetadataArgs();
        public Builder userData(@Nullable Output<String> userData) { $.userData = userData; return this; }
        public Builder userData(String userData) { return userData(Output.of(userData)); }
        public InstanceMetadataArgs build() { return $; }
    }
}
