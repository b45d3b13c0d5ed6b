package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** A node pool of an LKE cluster. */
public final class LkeClusterPoolArgs extends com.pulumi.resources.ResourceArgs {
    public static final LkeClusterPoolArgs Empty = new LkeClusterPoolArgs();

    @Import(name="autoscaler")
    private @Nullable Output<LkeClusterPoolAutoscalerArgs> autoscaler;

    @Import(name="count")
    private @Nullable Output<Integer> count;

    @Import(name="labels")
    private @Nullable Output<Map<String,String>> labels;

    @Import(name="tags")
    private @Nullable Output<List<String>> tags;

    @Import(name="type", required=true)
    private Output<String> type;

    public Optional<Output<LkeClusterPoolAutoscalerArgs>> autoscaler() { return Optional.ofNullable(this.autoscaler); }
    public Optional<Output<Integer>> count() { return Optional.ofNullable(this.count); }
    public Optional<Output<Map<String,String>>> labels() { return Optional.ofNullable(this.labels); }
    public Optional<Output<List<String>>> tags() { return Optional.ofNullable(this.tags); }
    public Output<String> type() { return this.type; }

    private LkeClusterPoolArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link LkeClusterPoolArgs}. */
    public static final class Builder {
        private final LkeClusterPoolArgs $ = new LkeClusterPoolArgs();
        public Builder autoscaler(@Nullable Output<LkeClusterPoolAutoscalerArgs> autoscaler) { $.autoscaler = autoscaler; return this; }
        public Builder autoscaler(LkeClusterPoolAutoscalerArgs autoscaler) { return autoscaler(Output.of(autoscaler)); }
        public Builder count(@Nullable Output<Integer> count) { $.count = count; return this; }
        public Builder count(Integer count) { return count(Output.of(count)); }
        public Builder labels(@Nullable Output<Map<String,String>> labels) { $.labels = labels; return this; }
        public Builder labels(Map<String,String> labels) { return labels(Output.of(labels)); }
        public Builder tags(@Nullable Output<List<String>> tags) { $.tags = tags; return this; }
        public Builder tags(List<String> tags) { return tags(Output.of(tags)); }
        public Builder tags(String... tags) { return tags(List.of(tags)); }
        public Builder type(Output<String> type) { $.type = type; return this; }
        public Builder type(String type) { return type(Output.of(type)); }
        public LkeClusterPoolArgs build() {
            $.type = Objects.requireNonNull($.type, "expected parameter 'type' to be non-null");
            return $;
        }
    }
}
