package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link DomainRecord} resource. */
public final class DomainRecordArgs extends com.pulumi.resources.ResourceArgs {
    public static final DomainRecordArgs Empty = new DomainRecordArgs();

    @Import(name="domainId", required=true)
    private Output<Integer> domainId;
    @Import(name="name")
    private @Nullable Output<String> name;
    @Import(name="priority")
    private @Nullable Output<Integer> priority;
    @Import(name="recordType", required=true)
    private Output<String> recordType;
    @Import(name="target", required=true)
    private Output<String> target;
    @Import(name="ttlSec")
    private @Nullable Output<Integer> ttlSec;

    public Output<Integer> domainId() { return this.domainId; }
    public Optional<Output<String>> name() { return Optional.ofNullable(this.name); }
    public Optional<Output<Integer>> priority() { return Optional.ofNullable(this.priority); }
    public Output<String> recordType() { return this.recordType; }
    public Output<String> target() { return this.target; }
    public Optional<Output<Integer>> ttlSec() { return Optional.ofNullable(this.ttlSec); }

    private DomainRecordArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link DomainRecordArgs}. */
    public static final class Builder {
        private final DomainRecordArgs $ = new DomainRecordArgs();
        public Builder domainId(Output<Integer> domainId) { $.domainId = domainId; return this; }
        public Builder domainId(Integer domainId) { return domainId(Output.of(domainId)); }
        public Builder name(@Nullable Output<String> name) { $.name = name; return this; }
        public Builder name(String name) { return name(Output.of(name)); }
        public Builder priority(@Nullable Output<Integer> priority) { $.priority = priority; return this; }
        public Builder priority(Integer priority) { return priority(Output.of(priority)); }
        public Builder recordType(Output<String> recordType) { $.recordType = recordType; return this; }
        public Builder recordType(String recordType) { return recordType(Output.of(recordType)); }
        public Builder target(Output<String> target) { $.target = target; return this; }
        public Builder target(String target) { return target(Output.of(target)); }
        public Builder ttlSec(@Nullable Output<Integer> ttlSec) { $.ttlSec = ttlSec; return this; }
        public Builder ttlSec(Integer ttlSec) { return ttlSec(Output.of(ttlSec)); }
        public DomainRecordArgs build() {
            $.domainId = Objects.requireNonNull($.domainId, "expected parameter 'domainId' to be non-null");
            $.recordType = Objects.requireNonNull($.recordType, "expected parameter 'recordType' to be non-null");
            $.target = Objects.requireNonNull($.target, "expected parameter 'target' to be non-null");
            return $;
        }
    }
}
