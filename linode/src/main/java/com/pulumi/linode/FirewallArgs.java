package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.linode.inputs.FirewallInboundArgs;
import com.pulumi.linode.inputs.FirewallOutboundArgs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link Firewall} resource. */
public final class FirewallArgs extends com.pulumi.resources.ResourceArgs {
    public static final FirewallArgs Empty = new FirewallArgs();

    @Import(name="inboundPolicy", required=true)
    private Output<String> inboundPolicy;
    @Import(name="inbounds")
    private @Nullable Output<List<FirewallInboundArgs>> inbounds;
    @Import(name="label", required=true)
    private Output<String> label;
    @Import(name="linodes")
    private @Nullable Output<List<Integer>> linodes;
    @Import(name="outboundPolicy", required=true)
    private Output<String> outboundPolicy;
    @Import(name="outbounds")
    private @Nullable Output<List<FirewallOutboundArgs>> outbounds;
    @Import(name="tags")
    private @Nullable Output<List<String>> tags;

    public Output<String> inboundPolicy() { return this.inboundPolicy; }
    public Optional<Output<List<FirewallInboundArgs>>> inbounds() { return Optional.ofNullable(this.inbounds); }
    public Output<String> label() { return this.label; }
    public Optional<Output<List<Integer>>> linodes() { return Optional.ofNullable(this.linodes); }
    public Output<String> outboundPolicy() { return this.outboundPolicy; }
    public Optional<Output<List<FirewallOutboundArgs>>> outbounds() { return Optional.ofNullable(this.outbounds); }
    public Optional<Output<List<String>>> tags() { return Optional.ofNullable(this.tags); }

    private FirewallArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link FirewallArgs}. */
    public static final class Builder {
        private final FirewallArgs $ = new FirewallArgs();
        public Builder inboundPolicy(Output<String> v) { $.inboundPolicy = v; return this; }
        public Builder inboundPolicy(String v) { return inboundPolicy(Output.of(v)); }
        public Builder inbounds(@Nullable Output<List<FirewallInboundArgs>> v) { $.inbounds = v; return this; }
        public Builder inbounds(List<FirewallInboundArgs> v) { return inbounds(Output.of(v)); }
        public Builder inbounds(FirewallInboundArgs... v) { return inbounds(List.of(v)); }
        public Builder label(Output<String> v) { $.label = v; return this; }
        public Builder label(String v) { return label(Output.of(v)); }
        public Builder linodes(@Nullable Output<List<Integer>> v) { $.linodes = v; return this; }
        public Builder linodes(List<Integer> v) { return linodes(Output.of(v)); }
        public Builder linodes(Integer... v) { return linodes(List.of(v)); }
        public Builder outboundPolicy(Output<String> v) { $.outboundPolicy = v; return this; }
        public Builder outboundPolicy(String v) { return outboundPolicy(Output.of(v)); }
        public Builder outbounds(@Nullable Output<List<FirewallOutboundArgs>> v) { $.outbounds = v; return this; }
        public Builder outbounds(List<FirewallOutboundArgs> v) { return outbounds(Output.of(v)); }
        public Builder outbounds(FirewallOutboundArgs... v) { return outbounds(List.of(v)); }
        public Builder tags(@Nullable Output<List<String>> v) { $.tags = v; return this; }
        public Builder tags(List<String> v) { return tags(Output.of(v)); }
        public Builder tags(String... v) { return tags(List.of(v)); }
        public FirewallArgs build() {
            $.inboundPolicy = Objects.requireNonNull($.inboundPolicy, "expected parameter 'inboundPolicy' to be non-null");
            $.label = Objects.requireNonNull($.label, "expected parameter 'label' to be non-null");
            $.outboundPolicy = Objects.requireNonNull($.outboundPolicy, "expected parameter 'outboundPolicy' to be non-null");
            return $;
        }
    }
}
