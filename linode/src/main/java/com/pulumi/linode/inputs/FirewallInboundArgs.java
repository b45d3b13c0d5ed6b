package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** An inbound rule of a Linode Cloud Firewall. */
public final class FirewallInboundArgs extends com.pulumi.resources.ResourceArgs {
    public static final FirewallInboundArgs Empty = new FirewallInboundArgs();

    @Import(name="action", required=true)
    private Output<String> action;
    @Import(name="ipv4s")
    private @Nullable Output<List<String>> ipv4s;
    @Import(name="ipv6s")
    private @Nullable Output<List<String>> ipv6s;
    @Import(name="label", required=true)
    private Output<String> label;
    @Import(name="ports")
    private @Nullable Output<String> ports;
    @Import(name="protocol", required=true)
    private Output<String> protocol;

    public Output<String> action() { return this.action; }
    public Optional<Output<List<String>>> ipv4s() { return Optional.ofNullable(this.ipv4s); }
    public Optional<Output<List<String>>> ipv6s() { return Optional.ofNullable(this.ipv6s); }
    public Output<String> label() { return this.label; }
    public Optional<Output<String>> ports() { return Optional.ofNullable(this.ports); }
    public Output<String> protocol() { return this.protocol; }

    private FirewallInboundArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link FirewallInboundArgs}. */
    public static final class Builder {
        private final FirewallInboundArgs $ = new FirewallInboundArgs();
        public Builder action(Output<String> action) { $.action = action; return this; }
        public Builder action(String action) { return action(Output.of(action)); }
        public Builder ipv4s(@Nullable Output<List<String>> ipv4s) { $.ipv4s = ipv4s; return this; }
        public Builder ipv4s(List<String> ipv4s) { return ipv4s(Output.of(ipv4s)); }
        public Builder ipv4s(String... ipv4s) { return ipv4s(List.of(ipv4s)); }
        public Builder ipv6s(@Nullable Output<List<String>> ipv6s) { $.ipv6s = ipv6s; return this; }
        public Builder ipv6s(List<String> ipv6s) { return ipv6s(Output.of(ipv6s)); }
        public Builder ipv6s(String... ipv6s) { return ipv6s(List.of(ipv6s)); }
        public Builder label(Output<String> label) { $.label = label; return this; }
        public Builder label(String label) { return label(Output.of(label)); }
        public Builder ports(@Nullable Output<String> ports) { $.ports = ports; return this; }
        public Builder ports(String ports) { return ports(Output.of(ports)); }
        public Builder protocol(Output<String> protocol) { $.protocol = protocol; return this; }
        public Builder protocol(String protocol) { return protocol(Output.of(protocol)); }
        public FirewallInboundArgs build() {
            $.action = Objects.requireNonNull($.action, "expected parameter 'action' to be non-null");
            $.label = Objects.requireNonNull($.label, "expected parameter 'label' to be non-null");
            $.protocol = Objects.requireNonNull($.protocol, "expected parameter 'protocol' to be non-null");
            return $;
        }
    }
}
