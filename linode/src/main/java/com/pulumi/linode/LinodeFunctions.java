package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.linode.inputs.GetDomainArgs;
import com.pulumi.linode.inputs.GetInstanceNetworkingArgs;
import com.pulumi.linode.outputs.GetDomainResult;
import com.pulumi.linode.outputs.GetInstanceNetworkingResult;

/** Linode provider functions (data sources) shopdr uses, in the shape of the generated SDK's {@code LinodeFunctions}. */
public final class LinodeFunctions {
    private LinodeFunctions() {}

    /** Looks up an existing zone by name or id. */
    public static Output<GetDomainResult> getDomain(GetDomainArgs args) {
        return getDomain(args, InvokeOptions.Empty);
    }

    /** Looks up an existing zone by name or id, with invoke options (provider, parent). */
    public static Output<GetDomainResult> getDomain(GetDomainArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("linode:index/getDomain:getDomain", TypeShape.of(GetDomainResult.class),
                args, withVersion(options));
    }

    /** One Linode's addresses (e.g. an LKE node's, for the database firewalls). */
    public static Output<GetInstanceNetworkingResult> getInstanceNetworking(GetInstanceNetworkingArgs args) {
        return getInstanceNetworking(args, InvokeOptions.Empty);
    }

    /** One Linode's addresses, with invoke options (provider, parent). */
    public static Output<GetInstanceNetworkingResult> getInstanceNetworking(GetInstanceNetworkingArgs args,
                                                                           InvokeOptions options) {
        return Deployment.getInstance().invoke("linode:index/getInstanceNetworking:getInstanceNetworking",
                TypeShape.of(GetInstanceNetworkingResult.class), args, withVersion(options));
    }

    /** The provider version the engine resolves the plugin by, unless the caller gave one. */
    static InvokeOptions withVersion(InvokeOptions options) {
        return new InvokeOptions(options.getParent().orElse(null), options.getProvider().orElse(null),
                options.getVersion().orElse("6.0.0"));
    }
}
