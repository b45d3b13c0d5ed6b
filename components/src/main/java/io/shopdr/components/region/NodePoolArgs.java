package io.shopdr.components.region;

import java.util.Objects;

/**
 * One LKE node pool of a {@link RegionStack}: a Linode plan type and autoscaler bounds. The pool starts at
 * {@code min} nodes and the LKE autoscaler keeps it within [min, max].
 */
public final class NodePoolArgs extends com.pulumi.resources.ResourceArgs {
    private String type;
    private int min = 3;
    private int max = 3;

    private NodePoolArgs() {}

    /** Linode plan type of the nodes, e.g. {@code g6-dedicated-4}. Required. */
    public String type() { return type; }

    /** Minimum (and initial) node count. @default 3 */
    public int min() { return min; }

    /** Maximum node count the autoscaler may reach. @default 3 (= min, autoscaling effectively off) */
    public int max() { return max; }

    public static Builder builder() { return new Builder(); }

    @Override
    public String toString() {
        return type + "[" + min + ".." + max + "]";
    }

    /** Builder for {@link NodePoolArgs}. */
    public static final class Builder {
        private final NodePoolArgs $ = new NodePoolArgs();
        private boolean maxSet;

        public Builder type(String type) { $.type = type; return this; }
        public Builder min(int min) { $.min = min; return this; }
        public Builder max(int max) { $.max = max; maxSet = true; return this; }

        public NodePoolArgs build() {
            if (!maxSet) {
                $.max = Math.max($.min, $.max);
            }
            return $;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodePoolArgs p && Objects.equals(type, p.type) && min == p.min && max == p.max;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, min, max);
    }
}
