package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link ObjectStorageBucket} resource. */
public final class ObjectStorageBucketArgs extends com.pulumi.resources.ResourceArgs {
    public static final ObjectStorageBucketArgs Empty = new ObjectStorageBucketArgs();

    @Import(name="acl")
    private @Nullable Output<String> acl;
    @Import(name="label", required=true)
    private Output<String> label;
    @Import(name="region")
    private @Nullable Output<String> region;
    @Import(name="versioning")
    private @Nullable Output<Boolean> versioning;

    public Optional<Output<String>> acl() { return Optional.ofNullable(this.acl); }
    public Output<String> label() { return this.label; }
    public Optional<Output<String>> region() { return Optional.ofNullable(this.region); }
    public Optional<Output<Boolean>> versioning() { return Optional.ofNullable(this.versioning); }

    private ObjectStorageBucketArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link ObjectStorageBucketArgs}. */
    public static final class Builder {
        private final ObjectStorageBucketArgs $ = new ObjectStorageBucketArgs();
        public Builder acl(@Nullable Output<String> v) { $.acl = v; return this; }
        public Builder acl(String v) { return acl(Output.of(v)); }
        public Builder label(Output<String> v) { $.label = v; return this; }
        public Builder label(String v) { return label(Output.of(v)); }
        public Builder region(@Nullable Output<String> v) { $.region = v; return this; }
        public Builder region(String v) { return region(Output.of(v)); }
        public Builder versioning(@Nullable Output<Boolean> v) { $.versioning = v; return this; }
        public Builder versioning(Boolean v) { return versioning(Output.of(v)); }
        public ObjectStorageBucketArgs build() {
            $.label = Objects.requireNonNull($.label, "expected parameter 'label' to be non-null");
            return $;
        }
    }
}
