package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import java.util.List;
import javax.annotation.Nullable;

/** A Linode personal access token. */
@ResourceType(type="linode:index/token:Token")
public class Token extends com.pulumi.resources.CustomResource {
    static final List<String> SECRET_OUTPUTS = List.of("token");

    @Export(name="created", refs={String.class}, tree="[0]")
    private Output<String> created;
    @Export(name="expiry", refs={String.class}, tree="[0]")
    private Output<String> expiry;
    @Export(name="label", refs={String.class}, tree="[0]")
    private Output<String> label;
    @Export(name="scopes", refs={String.class}, tree="[0]")
    private Output<String> scopes;
    @Export(name="token", refs={String.class}, tree="[0]")
    private Output<String> token;

    public Output<String> created() { return this.created; }
    public Output<String> expiry() { return this.expiry; }
    public Output<String> label() { return this.label; }
    public Output<String> scopes() { return this.scopes; }
    public Output<String> token() { return this.token; }

    public Token(String name) { this(name, TokenArgs.Empty); }
    public Token(String name, TokenArgs args) { this(name, args, null); }
    public Token(String name, TokenArgs args, @Nullable com.pulumi.resources.CustomResourceOptions options) {
        super("linode:index/token:Token", name, args == null ? TokenArgs.Empty : args, makeResourceOptions(options, Codegen.empty()));
    }

    private static com.pulumi.resources.CustomResourceOptions makeResourceOptions(@Nullable com.pulumi.resources.CustomResourceOptions options, @Nullable Output<String> id) {
        var defaultOptions = com.pulumi.resources.CustomResourceOptions.builder()
            .version("6.0.0")
            .additionalSecretOutputs(SECRET_OUTPUTS)
            .build();
        return com.pulumi.resources.CustomResourceOptions.merge(defaultOptions, options, id);
    }
}
