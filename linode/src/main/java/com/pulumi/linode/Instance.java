package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A Linode compute instance. */
@ResourceType(type="linode:index/instance:Instance")
public class Instance extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of("rootPass", "stackscriptData");

    @Export(name="image", refs={String.class}, tree="[0]")
    private Output<String> image;
    @Export(name="ipAddress", refs={String.class}, tree="[0]")
    private Output<String> ipAddress;
    @Export(name="ipv4s", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> ipv4s;
    @Export(name="ipv6", refs={String.class}, tree="[0]")
    private Output<String> ipv6;
    @Export(name="label", refs={String.class}, tree="[0]")
    private Output<String> label;
    @Export(name="privateIpAddress", refs={String.class}, tree="[0]")
    private Output<String> privateIpAddress;
    @Export(name="region", refs={String.class}, tree="[0]")
    private Output<String> region;
    @Export(name="rootPass", refs={String.class}, tree="[0]")
    private Output<String> rootPass;
    @Export(name="status", refs={String.class}, tree="[0]")
    private Output<String> status;
    @Export(name="tags", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> tags;
    @Export(name="type", refs={String.class}, tree="[0]")
    private Output<String> type;

    public Output<String> image() { return this.image; }
    public Output<String> ipAddress() { return this.ipAddress; }
    public Output<List<String>> ipv4s() { return this.ipv4s; }
    public Output<String> ipv6() { return this.ipv6; }
    public Output<String> label() { return this.label; }
    public Output<String> privateIpAddress() { return this.privateIpAddress; }
    public Output<String> region() { return this.region; }
    public Output<String> rootPass() { return this.rootPass; }
    public Output<String> status() { return this.status; }
    public Output<List<String>> tags() { return this.tags; }
    public Output<String> type() { return this.type; }

    public Instance(String name) { this(name, InstanceArgs.Empty); }
    public Instance(String name, InstanceArgs args) { this(name, args, null); }
    public Instance(String name, InstanceArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/instance:Instance", name, args == null ? InstanceArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
