package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A Linode Object Storage bucket. */
@ResourceType(type="linode:index/objectStorageBucket:ObjectStorageBucket")
public class ObjectStorageBucket extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of("secretKey");

    @Export(name="acl", refs={String.class}, tree="[0]")
    private Output<String> acl;
    @Export(name="endpoint", refs={String.class}, tree="[0]")
    private Output<String> endpoint;
    @Export(name="hostname", refs={String.class}, tree="[0]")
    private Output<String> hostname;
    @Export(name="label", refs={String.class}, tree="[0]")
    private Output<String> label;
    @Export(name="region", refs={String.class}, tree="[0]")
    private Output<String> region;
    @Export(name="s3Endpoint", refs={String.class}, tree="[0]")
    private Output<String> s3Endpoint;

    public Output<String> acl() { return this.acl; }
    public Output<String> endpoint() { return this.endpoint; }
    public Output<String> hostname() { return this.hostname; }
    public Output<String> label() { return this.label; }
    public Output<String> region() { return this.region; }
    public Output<String> s3Endpoint() { return this.s3Endpoint; }

    public ObjectStorageBucket(String name) { this(name, ObjectStorageBucketArgs.Empty); }
    public ObjectStorageBucket(String name, ObjectStorageBucketArgs args) { this(name, args, null); }
    public ObjectStorageBucket(String name, ObjectStorageBucketArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/objectStorageBucket:ObjectStorageBucket", name, args == null ? ObjectStorageBucketArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
