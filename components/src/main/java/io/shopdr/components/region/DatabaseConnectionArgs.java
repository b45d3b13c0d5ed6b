package io.shopdr.components.region;

import com.pulumi.core.Output;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problems;

/**
 * How the store in one region reaches <b>this region's</b> database: host, port and schema go into the Helm
 * values; user and password go only into a Kubernetes Secret the chart references.
 */
public final class DatabaseConnectionArgs extends com.pulumi.resources.ResourceArgs {
    private Output<String> host;
    private Output<Integer> port = Output.of(3306);
    private Output<String> name = Output.of("shop");
    private Output<String> user;
    private Output<String> password;
    private Output<String> caCertificate = Output.of("");

    private DatabaseConnectionArgs() {}

    /** Address of this region's database (private IP when the cluster shares the region's VLAN/private net). Required. */
    public Output<String> host() { return host; }

    /** Database port. @default 3306 */
    public Output<Integer> port() { return port; }

    /** Schema the store uses. @default "shop" */
    public Output<String> name() { return name; }

    /** Application database user. Required. */
    public Output<String> user() { return user; }

    /** Application database password (a Pulumi secret). Required. */
    public Output<String> password() { return password; }

    /**
     * PEM of the CA the database server's certificate chains to. The application user must connect with TLS
     * ({@code REQUIRE SSL}); the store verifies the server against this CA ({@code VERIFY_CA}: the certificates
     * name {@code db-<region>.shopdr.internal}, not the IP the store dials). It is public.
     * @default empty (the store is told TLS is required but gets no CA to verify with)
     */
    public Output<String> caCertificate() { return caCertificate; }

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link DatabaseConnectionArgs}. */
    public static final class Builder {
        private final DatabaseConnectionArgs $ = new DatabaseConnectionArgs();

        public Builder host(Output<String> host) { $.host = host; return this; }
        public Builder host(String host) { return host(Output.of(host)); }
        public Builder port(Output<Integer> port) { $.port = port; return this; }
        public Builder port(int port) { return port(Output.of(port)); }
        public Builder name(Output<String> name) { $.name = name; return this; }
        public Builder name(String name) { return name(Output.of(name)); }
        public Builder user(Output<String> user) { $.user = user; return this; }
        public Builder user(String user) { return user(Output.of(user)); }
        public Builder password(Output<String> password) { $.password = password; return this; }
        public Builder caCertificate(Output<String> pem) { $.caCertificate = pem; return this; }
        public Builder caCertificate(String pem) { return caCertificate(Output.of(pem)); }

        /**
         * @throws InvalidConfigException naming every missing required field (like the other Args, so a program
         *         reports it as a message rather than a NullPointerException's stack trace)
         */
        public DatabaseConnectionArgs build() {
            Problems problems = new Problems("DatabaseConnection arguments");
            problems.require($.host != null, "database.host", "is required", "give the address of this region's database");
            problems.require($.user != null, "database.user", "is required", "give the store's database user");
            problems.require($.password != null, "database.password", "is required",
                    "give the store's database password (a secret)");
            problems.throwIfAny();
            return $;
        }
    }
}
