package com.pulumi.linode.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A node pool of an LKE cluster as the provider reports it ({@code linode:index/LkeClusterPool:LkeClusterPool}),
 * with the fields shopdr reads: the pool's nodes carry the Linode instance ids the cloud drill cuts off.
 */
@CustomType
public final class LkeClusterPool {
    private Integer count;
    private Integer firewallId;
    private Integer id;
    private @Nullable String label;
    private List<LkeClusterPoolNode> nodes;
    private @Nullable List<String> tags;
    private String type;

    private LkeClusterPool() {}

    /** The number of nodes. */
    public Integer count() { return this.count; }
    /** The Cloud Firewall associated with the pool's nodes (the default one when none was given). */
    public Integer firewallId() { return this.firewallId; }
    /** The pool's id. */
    public Integer id() { return this.id; }
    public Optional<String> label() { return Optional.ofNullable(this.label); }
    /** The nodes in the pool. */
    public List<LkeClusterPoolNode> nodes() { return this.nodes; }
    public List<String> tags() { return this.tags == null ? List.of() : this.tags; }
    /** The Linode type of every node. */
    public String type() { return this.type; }

    public static Builder builder() { return new Builder(); }

    public static Builder builder(LkeClusterPool defaults) { return new Builder(defaults); }

    /** Builder the SDK's deserializer fills. */
    @CustomType.Builder
    public static final class Builder {
        private Integer count;
        private Integer firewallId;
        private Integer id;
        private @Nullable String label;
        private List<LkeClusterPoolNode> nodes;
        private @Nullable List<String> tags;
        private String type;

        public Builder() {}

        public Builder(LkeClusterPool defaults) {
            Objects.requireNonNull(defaults);
            this.count = defaults.count;
            this.firewallId = defaults.firewallId;
            this.id = defaults.id;
            this.label = defaults.label;
            this.nodes = defaults.nodes;
            this.tags = defaults.tags;
            this.type = defaults.type;
        }

        @CustomType.Setter
        public Builder count(Integer count) { this.count = Objects.requireNonNull(count); return this; }
        @CustomType.Setter
        public Builder firewallId(Integer firewallId) { this.firewallId = Objects.requireNonNull(firewallId); return this; }
        @CustomType.Setter
        public Builder id(Integer id) { this.id = Objects.requireNonNull(id); return this; }
        @CustomType.Setter
        public Builder label(@Nullable String label) { this.label = label; return this; }
        @CustomType.Setter
        public Builder nodes(List<LkeClusterPoolNode> nodes) { this.nodes = Objects.requireNonNull(nodes); return this; }
        public Builder nodes(LkeClusterPoolNode... nodes) { return nodes(List.of(nodes)); }
        @CustomType.Setter
        public Builder tags(@Nullable List<String> tags) { this.tags = tags; return this; }
        public Builder tags(String... tags) { return tags(List.of(tags)); }
        @CustomType.Setter
        public Builder type(String type) { this.type = Objects.requireNonNull(type); return this; }

        public LkeClusterPool build() {
            final var o = new LkeClusterPool();
            o.count = count;
            o.firewallId = firewallId;
            o.id = id;
            o.label = label;
            o.nodes = nodes;
            o.tags = tags;
            o.type = type;
            return o;
        }
    }
}
