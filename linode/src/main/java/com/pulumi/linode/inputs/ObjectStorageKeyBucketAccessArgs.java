package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** One bucket an Object Storage key may access, and how (read_only or read_write). */
public final class ObjectStorageKeyBucketAccessArgs extends com.pulumi.resources.ResourceArgs {
    public static final ObjectStorageKeyBucketAccessArgs Empty = new ObjectStorageKeyBucketAccessArgs();

    @Import(name="bucketName", required=true)
    private Output<String> bucketName;
    @Import(name="permissions", required=true)
    private Output<String> permissions;
    @Import(name="region")
    private @Nullable Output<String> region;

    public Output<String> bucketName() { return this.bucketName; }
    public Output<String> permissions() { return this.permissions; }
    public Optional<Output<String>> region() { return Optional.ofNullable(this.region); }

    private ObjectStorageKeyBucketAccessArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link ObjectStorageKeyBucketAccessArgs}. */
    public static final class Builder {
        private final ObjectStorageKeyBucketAccessArgs $ = new ObjectStorageKeyBucketAccessArgs();
        public Builder bucketName(Output<String> v) { $.bucketName = v; return this; }
        public Builder bucketName(String v) { return bucketName(Output.of(v)); }
        public Builder permissions(Output<String> v) { $.permissions = v; return this; }
        public Builder permissions(String v) { return permissions(Output.of(v)); }
        public Builder region(@Nullable Output<String> v) { $.region = v; return this; }
        public Builder region(String v) { return region(Output.of(v)); }
        public ObjectStorageKeyBucketAccessArgs build() {
            $.bucketName = Objects.requireNonNull($.bucketName, "expected parameter 'bucketName' to be non-null");
            $.permissions = Objects.requireNonNull($.permissions, "expected parameter 'permissions' to be non-null");
            return $;
        }
    }
}
