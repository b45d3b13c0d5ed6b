package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A Linode Object Storage access key (S3 credentials), optionally limited to named buckets. */
@ResourceType(type="linode:index/objectStorageKey:ObjectStorageKey")
public class ObjectStorageKey extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of("secretKey");

    @Export(name="accessKey", refs={String.class}, tree="[0]")
    private Output<String> accessKey;
    @Export(name="label", refs={String.class}, tree="[0]")
    private Output<String> label;
    @Export(name="limited", refs={Boolean.class}, tree="[0]")
    private Output<Boolean> limited;
    @Export(name="regions", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> regions;
    @Export(name="secretKey", refs={String.class}, tree="[0]")
    private Output<String> secretKey;

    public Output<String> accessKey() { return this.accessKey; }
    public Output<String> label() { return this.label; }
    public Output<Boolean> limited() { return this.limited; }
    public Output<List<String>> regions() { return this.regions; }
    public Output<String> secretKey() { return this.secretKey; }

    public ObjectStorageKey(String name) { this(name, ObjectStorageKeyArgs.Empty); }
    public ObjectStorageKey(String name, ObjectStorageKeyArgs args) { this(name, args, null); }
    public ObjectStorageKey(String name, ObjectStorageKeyArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/objectStorageKey:ObjectStorageKey", name, args == null ? ObjectStorageKeyArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
