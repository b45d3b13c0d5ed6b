package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link Domain} resource. */
public final class DomainArgs extends com.pulumi.resources.ResourceArgs {
    public static final DomainArgs Empty = new DomainArgs();

    @Import(name="domain", required=true)
    private Output<String> domain;
    @Import(name="soaEmail")
    private @Nullable Output<String> soaEmail;
    @Import(name="tags")
    private @Nullable Output<List<String>> tags;
    @Import(name="ttlSec")
    private @Nullable Output<Integer> ttlSec;
    @Import(name="type", required=true)
    private Output<String> type;

    public Output<String> domain() { return this.domain; }
    public Optional<Output<String>> soaEmail() { return Optional.ofNullable(this.soaEmail); }
    public Optional<Output<List<String>>> tags() { return Optional.ofNullable(this.tags); }
    public Optional<Output<Integer>> ttlSec() { return Optional.ofNullable(this.ttlSec); }
    public Output<String> type() { return this.type; }

    private DomainArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link DomainArgs}. */
    public static final class Builder {
        private final DomainArgs $ = new DomainArgs();
        public Builder domain(Output<String> domain) { $.domain = domain; return this; }
        public Builder domain(String domain) { return domain(Output.of(domain)); }
        public Builder soaEmail(@Nullable Output<String> soaEmail) { $.soaEmail = soaEmail; return this; }
        public Builder soaEmail(String soaEmail) { return soaEmail(Output.of(soaEmail)); }
        public Builder tags(@Nullable Output<List<String>> tags) { $.tags = tags; return this; }
        public Builder tags(List<String> tags) { return tags(Output.of(tags)); }
        public Builder tags(String... tags) { return tags(List.of(tags)); }
        public Builder ttlSec(@Nullable Output<Integer> ttlSec) { $.ttlSec = ttlSec; return this; }
        public Builder ttlSec(Integer ttlSec) { return ttlSec(Output.of(ttlSec)); }
        public Builder type(Output<String> type) { $.type = type; return this; }
        public Builder type(String type) { return type(Output.of(type)); }
        public DomainArgs build() {
            $.domain = Objects.requireNonNull($.domain, "expected parameter 'domain' to be non-null");
            $.type = Objects.requireNonNull($.type, "expected parameter 'type' to be non-null");
            return $;
        }
    }
}
