package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link Token} resource. */
public final class TokenArgs extends com.pulumi.resources.ResourceArgs {
    public static final TokenArgs Empty = new TokenArgs();

    @Import(name="expiry")
    private @Nullable Output<String> expiry;
    @Import(name="label")
    private @Nullable Output<String> label;
    @Import(name="scopes", required=true)
    private Output<String> scopes;

    public Optional<Output<String>> expiry() { return Optional.ofNullable(this.expiry); }
    public Optional<Output<String>> label() { return Optional.ofNullable(this.label); }
    public Output<String> scopes() { return this.scopes; }

    private TokenArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link TokenArgs}. */
    public static final class Builder {
        private final TokenArgs $ = new TokenArgs();
        public Builder expiry(@Nullable Output<String> expiry) { $.expiry = expiry; return this; }
        public Builder expiry(String expiry) { return expiry(Output.of(expiry)); }
        public Builder label(@Nullable Output<String> label) { $.label = label; return this; }
        public Builder label(String label) { return label(Output.of(label)); }
        public Builder scopes(Output<String> scopes) { $.scopes = scopes; return this; }
        public Builder scopes(String scopes) { return scopes(Output.of(scopes)); }
        public TokenArgs build() {
            $.scopes = Objects.requireNonNull($.scopes, "expected parameter 'scopes' to be non-null");
            return $;
        }
    }
}
