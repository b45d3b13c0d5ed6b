package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A DNS record within a Linode-managed domain. */
@ResourceType(type="linode:index/domainRecord:DomainRecord")
public class DomainRecord extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name="domainId", refs={Integer.class}, tree="[0]")
    private Output<Integer> domainId;
    @Export(name="name", refs={String.class}, tree="[0]")
    private Output<String> name;
    @Export(name="recordType", refs={String.class}, tree="[0]")
    private Output<String> recordType;
    @Export(name="target", refs={String.class}, tree="[0]")
    private Output<String> target;
    @Export(name="ttlSec", refs={Integer.class}, tree="[0]")
    private Output<Integer> ttlSec;

    public Output<Integer> domainId() { return this.domainId; }
    public Output<String> name() { return this.name; }
    public Output<String> recordType() { return this.recordType; }
    public Output<String> target() { return this.target; }
    public Output<Integer> ttlSec() { return this.ttlSec; }

    public DomainRecord(String name) { this(name, DomainRecordArgs.Empty); }
    public DomainRecord(String name, DomainRecordArgs args) { this(name, args, null); }
    public DomainRecord(String name, DomainRecordArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/domainRecord:DomainRecord", name, args == null ? DomainRecordArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
