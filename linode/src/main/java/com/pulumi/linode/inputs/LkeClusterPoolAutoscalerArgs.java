package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Objects;

/** Autoscaler bounds (min/max node count) for an LKE node pool. */
public final class LkeClusterPoolAutoscalerArgs extends com.pulumi.resources.ResourceArgs {
    public static final LkeClusterPoolAutoscalerArgs Empty = new LkeClusterPoolAutoscalerArgs();

    @Import(name="max", required=true)
    private Output<Integer> max;

    @Import(name="min", required=true)
    private Output<Integer> min;

    public Output<Integer> max() { return this.max; }
    public Output<Integer> min() { return this.min; }

    private LkeClusterPoolAutoscalerArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link LkeClusterPoolAutoscalerArgs}. */
    public static final class Builder {
        private final LkeClusterPoolAutoscalerArgs $ = new LkeClusterPoolAutoscalerArgs();
        public Builder max(Output<Integer> max) { $.max = max; return this; }
        public Builder max(Integer max) { return max(Output.of(max)); }
        public Builder min(Output<Integer> min) { $.min = min; return this; }
        public Builder min(Integer min) { return min(Output.of(min)); }
        public LkeClusterPoolAutoscalerArgs build() {
            $.max = Objects.requireNonNull($.max, "expected parameter 'max' to be non-null");
            $.min = Objects.requireNonNull($.min, "expected parameter 'min' to be non-null");
            return $;
        }
    }
}
