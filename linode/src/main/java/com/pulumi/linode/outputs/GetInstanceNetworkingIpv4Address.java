package com.pulumi.linode.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Objects;

/**
 * One IPv4 address of a Linode as {@code getInstanceNetworking} reports it: the fields shopdr reads of the schema's
 * {@code getInstanceNetworkingIpv4Public} / {@code getInstanceNetworkingIpv4Private}, which have the same shape.
 */
@CustomType
public final class GetInstanceNetworkingIpv4Address {
    private String address;
    private Integer prefix;

    private GetInstanceNetworkingIpv4Address() {}

    /** The address, e.g. {@code 203.0.113.7}. */
    public String address() { return this.address; }
    /** Its network prefix length. */
    public Integer prefix() { return this.prefix; }

    public static Builder builder() { return new Builder(); }

    /** Builder the SDK's deserializer fills. */
    @CustomType.Builder
    public static final class Builder {
        private String address;
        private Integer prefix;

        public Builder() {}

        @CustomType.Setter
        public Builder address(String address) { this.address = Objects.requireNonNull(address); return this; }
        @CustomType.Setter
        public Builder prefix(Integer prefix) { this.prefix = prefix; return this; }

        public GetInstanceNetworkingIpv4Address build() {
            final var o = new GetInstanceNetworkingIpv4Address();
            o.address = address;
            o.prefix = prefix;
            return o;
        }
    }
}
