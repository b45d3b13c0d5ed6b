package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.linode.inputs.ObjectStorageKeyBucketAccessArgs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link ObjectStorageKey} resource. */
public final class ObjectStorageKeyArgs extends com.pulumi.resources.ResourceArgs {
    public static final ObjectStorageKeyArgs Empty = new ObjectStorageKeyArgs();

    @Import(name="bucketAccesses")
    private @Nullable Output<List<ObjectStorageKeyBucketAccessArgs>> bucketAccesses;
    @Import(name="label", required=true)
    private Output<String> label;
    @Import(name="regions")
    private @Nullable Output<List<String>> regions;

    public Optional<Output<List<ObjectStorageKeyBucketAccessArgs>>> bucketAccesses() { return Optional.ofNullable(this.bucketAccesses); }
    public Output<String> label() { return this.label; }
    public Optional<Output<List<String>>> regions() { return Optional.ofNullable(this.regions); }

    private ObjectStorageKeyArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link ObjectStorageKeyArgs}. */
    public static final class Builder {
        private final ObjectStorageKeyArgs $ = new ObjectStorageKeyArgs();
        public Builder bucketAccesses(@Nullable Output<List<ObjectStorageKeyBucketAccessArgs>> v) { $.bucketAccesses = v; return this; }
        public Builder bucketAccesses(List<ObjectStorageKeyBucketAccessArgs> v) { return bucketAccesses(Output.of(v)); }
        public Builder bucketAccesses(ObjectStorageKeyBucketAccessArgs... v) { return bucketAccesses(List.of(v)); }
        public Builder label(Output<String> v) { $.label = v; return this; }
        public Builder label(String v) { return label(Output.of(v)); }
        public Builder regions(@Nullable Output<List<String>> v) { $.regions = v; return this; }
        public Builder regions(List<String> v) { return regions(Output.of(v)); }
        public Builder regions(String... v) { return regions(List.of(v)); }
        public ObjectStorageKeyArgs build() {
            $.label = Objects.requireNonNull($.label, "expected parameter 'label' to be non-null");
            return $;
        }
    }
}
