package com.pulumi.linode.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Optional;
import javax.annotation.Nullable;

/** Arguments of {@code linode:index/getDomain:getDomain}: find a zone by name or id. */
public final class GetDomainArgs extends com.pulumi.resources.InvokeArgs {
    public static final GetDomainArgs Empty = new GetDomainArgs();

    @Import(name="domain")
    private @Nullable Output<String> domain;
    @Import(name="id")
    private @Nullable Output<Integer> id;

    public Optional<Output<String>> domain() { return Optional.ofNullable(this.domain); }
    public Optional<Output<Integer>> id() { return Optional.ofNullable(this.id); }

    private GetDomainArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link GetDomainArgs}. */
    public static final class Builder {
        private final GetDomainArgs $ = new GetDomainArgs();
        public Builder domain(@Nullable Output<String> domain) { $.domain = domain; return this; }
        public Builder domain(String domain) { return domain(Output.of(domain)); }
        public Builder id(@Nullable Output<Integer> id) { $.id = id; return this; }
        public Builder id(Integer id) { return id(Output.of(id)); }
        public GetDomainArgs build() { return $; }
    }
}
