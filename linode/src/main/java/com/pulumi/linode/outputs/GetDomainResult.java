package com.pulumi.linode.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Objects;

/** What {@code linode:index/getDomain:getDomain} returns (the fields shopdr reads). */
@CustomType
public final class GetDomainResult {
    private String domain;
    private Integer id;
    private String soaEmail;
    private String status;
    private String type;

    private GetDomainResult() {}

    /** The zone's name. */
    public String domain() { return this.domain; }
    /** The zone's numeric id. */
    public Integer id() { return this.id; }
    public String soaEmail() { return this.soaEmail; }
    public String status() { return this.status; }
    public String type() { return this.type; }

    public static Builder builder() { return new Builder(); }

    /** Builder the SDK's deserializer fills. */
    @CustomType.Builder
    public static final class Builder {
        private String domain;
        private Integer id;
        private String soaEmail;
        private String status;
        private String type;

        public Builder() {}

        @CustomType.Setter
        public Builder domain(String domain) { this.domain = Objects.requireNonNull(domain); return this; }
        @CustomType.Setter
        public Builder id(Integer id) { this.id = Objects.requireNonNull(id); return this; }
        @CustomType.Setter
        public Builder soaEmail(String soaEmail) { this.soaEmail = Objects.requireNonNull(soaEmail); return this; }
        @CustomType.Setter
        public Builder status(String status) { this.status = Objects.requireNonNull(status); return this; }
        @CustomType.Setter
        public Builder type(String type) { this.type = Objects.requireNonNull(type); return this; }

        public GetDomainResult build() {
            final var o = new GetDomainResult();
            o.domain = domain;
            o.id = id;
            o.soaEmail = soaEmail;
            o.status = status;
            o.type = type;
            return o;
        }
    }
}
