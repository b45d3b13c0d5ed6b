package com.pulumi.linode.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Objects;

/** One node of an LKE node pool ({@code linode:index/LkeClusterPoolNode:LkeClusterPoolNode}): the Linode behind it. */
@CustomType
public final class LkeClusterPoolNode {
    private String id;
    private Integer instanceId;
    private String status;

    private LkeClusterPoolNode() {}

    /** The LKE node's id (not the Linode's). */
    public String id() { return this.id; }
    /** The id of the underlying Linode instance (what Cloud Firewalls attach to). */
    public Integer instanceId() { return this.instanceId; }
    /** {@code ready} or {@code not_ready}. */
    public String status() { return this.status; }

    public static Builder builder() { return new Builder(); }

    public static Builder builder(LkeClusterPoolNode defaults) { return new Builder(defaults); }

    /** Builder the SDK's deserializer fills. */
    @CustomType.Builder
    public static final class Builder {
        private String id;
        private Integer instanceId;
        private String status;

        public Builder() {}

        public Builder(LkeClusterPoolNode defaults) {
            Objects.requireNonNull(defaults);
            this.id = defaults.id;
            this.instanceId = defaults.instanceId;
            this.status = defaults.status;
        }

        @CustomType.Setter
        public Builder id(String id) { this.id = Objects.requireNonNull(id); return this; }
        @CustomType.Setter
        public Builder instanceId(Integer instanceId) { this.instanceId = Objects.requireNonNull(instanceId); return this; }
        @CustomType.Setter
        public Builder status(String status) { this.status = Objects.requireNonNull(status); return this; }

        public LkeClusterPoolNode build() {
            final var o = new LkeClusterPoolNode();
            o.id = id;
            o.instanceId = instanceId;
            o.status = status;
            return o;
        }
    }
}
