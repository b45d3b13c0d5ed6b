package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import com.pulumi.linode.outputs.LkeClusterPool;
import java.util.List;
import javax.annotation.Nullable;

/** A Linode Kubernetes Engine (LKE) cluster. */
@ResourceType(type="linode:index/lkeCluster:LkeCluster")
public class LkeCluster extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of("kubeconfig");

    @Export(name="apiEndpoints", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> apiEndpoints;
    @Export(name="dashboardUrl", refs={String.class}, tree="[0]")
    private Output<String> dashboardUrl;
    @Export(name="k8sVersion", refs={String.class}, tree="[0]")
    private Output<String> k8sVersion;
    @Export(name="kubeconfig", refs={String.class}, tree="[0]")
    private Output<String> kubeconfig;
    @Export(name="label", refs={String.class}, tree="[0]")
    private Output<String> label;
    @Export(name="pools", refs={List.class,LkeClusterPool.class}, tree="[0,1]")
    private Output<List<LkeClusterPool>> pools;
    @Export(name="region", refs={String.class}, tree="[0]")
    private Output<String> region;
    @Export(name="status", refs={String.class}, tree="[0]")
    private Output<String> status;
    @Export(name="tags", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> tags;

    public Output<List<String>> apiEndpoints() { return this.apiEndpoints; }
    public Output<String> dashboardUrl() { return this.dashboardUrl; }
    public Output<String> k8sVersion() { return this.k8sVersion; }
    public Output<String> kubeconfig() { return this.kubeconfig; }
    public Output<String> label() { return this.label; }
    /** The node pools with their nodes (each node's {@code instanceId} is the Linode behind it). */
    public Output<List<LkeClusterPool>> pools() { return this.pools; }
    public Output<String> region() { return this.region; }
    public Output<String> status() { return this.status; }
    public Output<List<String>> tags() { return this.tags; }

    public LkeCluster(String name) { this(name, LkeClusterArgs.Empty); }
    public LkeCluster(String name, LkeClusterArgs args) { this(name, args, null); }
    public LkeCluster(String name, LkeClusterArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/lkeCluster:LkeCluster", name, args == null ? LkeClusterArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
