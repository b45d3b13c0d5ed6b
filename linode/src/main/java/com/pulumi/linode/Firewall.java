package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A Linode Cloud Firewall with inbound and outbound rules. */
@ResourceType(type="linode:index/firewall:Firewall")
public class Firewall extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name="inboundPolicy", refs={String.class}, tree="[0]")
    private Output<String> inboundPolicy;
    @Export(name="label", refs={String.class}, tree="[0]")
    private Output<String> label;
    @Export(name="linodes", refs={List.class,Integer.class}, tree="[0,1]")
    private Output<List<Integer>> linodes;
    @Export(name="outboundPolicy", refs={String.class}, tree="[0]")
    private Output<String> outboundPolicy;
    @Export(name="status", refs={String.class}, tree="[0]")
    private Output<String> status;

    public Output<String> inboundPolicy() { return this.inboundPolicy; }
    public Output<String> label() { return this.label; }
    public Output<List<Integer>> linodes() { return this.linodes; }
    public Output<String> outboundPolicy() { return this.outboundPolicy; }
    public Output<String> status() { return this.status; }

    public Firewall(String name) { this(name, FirewallArgs.Empty); }
    public Firewall(String name, FirewallArgs args) { this(name, args, null); }
    public Firewall(String name, FirewallArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/firewall:Firewall", name, args == null ? FirewallArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
