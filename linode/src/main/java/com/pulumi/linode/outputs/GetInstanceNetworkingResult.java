package com.pulumi.linode.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;

/** What {@code linode:index/getInstanceNetworking:getInstanceNetworking} returns (the fields shopdr reads). */
@CustomType
public final class GetInstanceNetworkingResult {
    private Integer linodeId;
    private List<GetInstanceNetworkingIpv4> ipv4s;

    private GetInstanceNetworkingResult() {}

    /** The Linode these addresses belong to. */
    public Integer linodeId() { return this.linodeId; }
    /** Its IPv4 addresses (one element in practice). */
    public List<GetInstanceNetworkingIpv4> ipv4s() { return this.ipv4s == null ? List.of() : this.ipv4s; }

    public static Builder builder() { return new Builder(); }

    /** Builder the SDK's deserializer fills. */
    @CustomType.Builder
    public static final class Builder {
        private Integer linodeId;
        private List<GetInstanceNetworkingIpv4> ipv4s;

        public Builder() {}

        @CustomType.Setter
        public Builder linodeId(Integer linodeId) { this.linodeId = linodeId; return this; }
        @CustomType.Setter
        public Builder ipv4s(List<GetInstanceNetworkingIpv4> ipv4s) { this.ipv4s = ipv4s; return this; }

        public GetInstanceNetworkingResult build() {
            final var o = new GetInstanceNetworkingResult();
            o.linodeId = linodeId;
            o.ipv4s = ipv4s;
            return o;
        }
    }
}
