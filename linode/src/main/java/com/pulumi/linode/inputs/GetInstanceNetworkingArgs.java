package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;

/** Arguments of {@code linode:index/getInstanceNetworking:getInstanceNetworking}: one Linode's addresses. */
public final class GetInstanceNetworkingArgs extends com.pulumi.resources.InvokeArgs {
    public static final GetInstanceNetworkingArgs Empty = new GetInstanceNetworkingArgs();

    @Import(name="linodeId", required=true)
    private Output<Integer> linodeId;

    /** The Linode instance's id. */
    public Output<Integer> linodeId() { return this.linodeId; }

    private GetInstanceNetworkingArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link GetInstanceNetworkingArgs}. */
    public static final class Builder {
        private final GetInstanceNetworkingArgs $ = new GetInstanceNetworkingArgs();
        public Builder linodeId(Output<Integer> linodeId) { $.linodeId = linodeId; return this; }
        public Builder linodeId(Integer linodeId) { return linodeId(Output.of(linodeId)); }
        public GetInstanceNetworkingArgs build() {
            if ($.linodeId == null) throw new IllegalArgumentException("GetInstanceNetworkingArgs: linodeId is required");
            return $;
        }
    }
}
