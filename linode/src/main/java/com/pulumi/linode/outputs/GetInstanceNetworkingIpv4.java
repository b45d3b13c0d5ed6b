package com.pulumi.linode.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;

/** A Linode's IPv4 addresses by kind (the fields shopdr reads of {@code getInstanceNetworkingIpv4}). */
@CustomType
public final class GetInstanceNetworkingIpv4 {
    private List<GetInstanceNetworkingIpv4Address> privates;
    private List<GetInstanceNetworkingIpv4Address> publics;

    private GetInstanceNetworkingIpv4() {}

    /** Private addresses (192.168.128.0/17). */
    public List<GetInstanceNetworkingIpv4Address> privates() { return this.privates == null ? List.of() : this.privates; }
    /** Public addresses. */
    public List<GetInstanceNetworkingIpv4Address> publics() { return this.publics == null ? List.of() : this.publics; }

    public static Builder builder() { return new Builder(); }

    /** Builder the SDK's deserializer fills. */
    @CustomType.Builder
    public static final class Builder {
        private List<GetInstanceNetworkingIpv4Address> privates;
        private List<GetInstanceNetworkingIpv4Address> publics;

        public Builder() {}

        @CustomType.Setter
        public Builder privates(List<GetInstanceNetworkingIpv4Address> privates) { this.privates = privates; return this; }
        @CustomType.Setter
        public Builder publics(List<GetInstanceNetworkingIpv4Address> publics) { this.publics = publics; return this; }

        public GetInstanceNetworkingIpv4 build() {
            final var o = new GetInstanceNetworkingIpv4();
            o.privates = privates;
            o.publics = publics;
            return o;
        }
    }
}
