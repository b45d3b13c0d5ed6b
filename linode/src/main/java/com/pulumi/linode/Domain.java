package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A DNS domain (zone) managed by Linode's DNS Manager. */
@ResourceType(type="linode:index/domain:Domain")
public class Domain extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name="domain", refs={String.class}, tree="[0]")
    private Output<String> domain;
    @Export(name="soaEmail", refs={String.class}, tree="[0]")
    private Output<String> soaEmail;
    @Export(name="status", refs={String.class}, tree="[0]")
    private Output<String> status;
    @Export(name="tags", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> tags;
    @Export(name="ttlSec", refs={Integer.class}, tree="[0]")
    private Output<Integer> ttlSec;
    @Export(name="type", refs={String.class}, tree="[0]")
    private Output<String> type;

    public Output<String> domain() { return this.domain; }
    public Output<String> soaEmail() { return this.soaEmail; }
    public Output<String> status() { return this.status; }
    public Output<List<String>> tags() { return this.tags; }
    public Output<Integer> ttlSec() { return this.ttlSec; }
    public Output<String> type() { return this.type; }

    public Domain(String name) { this(name, DomainArgs.Empty); }
    public Domain(String name, DomainArgs args) { this(name, args, null); }
    public Domain(String name, DomainArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/domain:Domain", name, args == null ? DomainArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
