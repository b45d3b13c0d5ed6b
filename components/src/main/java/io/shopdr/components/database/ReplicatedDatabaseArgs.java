package io.shopdr.components.database;

import com.pulumi.core.Output;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problems;
import io.shopdr.validation.Rules;
import javax.annotation.Nullable;

/**
 * Arguments of {@link ReplicatedDatabase}. Structural settings (regions, engine, names, CIDRs) are plain
 * values because resource names and firewall rules derive from them; passwords are {@link Output}s so they
 * stay Pulumi secrets end to end. {@link Builder#build()} validates everything at once and fails with one
 * {@link InvalidConfigException} listing each bad field and its fix.
 */
public final class ReplicatedDatabaseArgs extends com.pulumi.resources.ResourceArgs {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,32}");

    private List<String> regions;
    private DatabaseEngine engine;
    private String instanceType;
    private String image;
    private boolean backups;
    private String databaseName;
    private String adminUser;
    private String replicationUser;
    private String appUser;
    private Output<String> adminPassword;
    private Output<String> replicationPassword;
    private Output<String> appPassword;
    private @Nullable Output<String> tlsSeed;
    private int port;
    private List<String> sshCidrs;
    private List<String> adminCidrs;
    private Output<Map<String, List<String>>> clientCidrs;
    private List<String> authorizedKeys;
    private @Nullable String labelPrefix;

    private ReplicatedDatabaseArgs() {}

    /** Regions, first = primary. Required; at least two, each once. */
    public List<String> regions() { return regions; }
    /** The first region: the replication primary at deploy time. */
    public String primaryRegion() { return regions.get(0); }
    /** @default {@code mariadb-10.11} */
    public DatabaseEngine engine() { return engine; }
    /** Linode plan of each database instance. @default {@code g6-standard-2} (2 vCPU, 4 GB) */
    public String instanceType() { return instanceType; }
    /** Linode image. @default {@code linode/debian12} (ships MariaDB 10.11; MySQL 8.4 comes from repo.mysql.com) */
    public String image() { return image; }
    /** Whether Linode Backups are enabled on each instance. @default true */
    public boolean backups() { return backups; }
    /** The application's database. @default {@code shop} */
    public String databaseName() { return databaseName; }
    /** Administrative user (post-deploy hook, failover controller). @default {@code shopdr_admin} */
    public String adminUser() { return adminUser; }
    /** User the replicas connect as. @default {@code shopdr_repl} */
    public String replicationUser() { return replicationUser; }
    /** The application's user: privileges on {@link #databaseName()} only. @default {@code shop} */
    public String appUser() { return appUser; }
    /** Required secret. */
    public Output<String> adminPassword() { return adminPassword; }
    /** Required secret. */
    public Output<String> replicationPassword() { return replicationPassword; }
    /** Required secret. */
    public Output<String> appPassword() { return appPassword; }
    /**
     * Secret the TLS CA and server keys are derived from (see {@link DatabaseCertificates}).
     * @default derived from {@link #adminPassword()} (so changing that password in config also changes the CA
     * output; set a seed of its own to decouple them)
     */
    public Optional<Output<String>> tlsSeed() { return Optional.ofNullable(tlsSeed); }
    /** Database TCP port. @default 3306 */
    public int port() { return port; }
    /** CIDRs allowed to SSH (port 22). @default none: SSH closed */
    public List<String> sshCidrs() { return sshCidrs; }
    /** CIDRs allowed to the database port besides the regions, e.g. where the post-deploy hook runs. @default none */
    public List<String> adminCidrs() { return adminCidrs; }
    /**
     * The addresses the application and the in-cluster hook and controllers connect from ({@code a.b.c.d/32}), by
     * region: each region's LKE node addresses, public and private (one firewall rule per region, so the fence can
     * cut one region's nodes). Never Linode's shared private range 192.168.128.0/17, which
     * other customers' Linodes in the same data centre share.
     * @default none (only peers and {@link #adminCidrs()} reach the database port)
     */
    public Output<Map<String, List<String>>> clientCidrs() { return clientCidrs; }
    /** SSH public keys for root. @default none */
    public List<String> authorizedKeys() { return authorizedKeys; }
    /** Prefix of Linode labels (firewall labels are unique per account). @default {@code shopdr-<stack>} */
    public Optional<String> labelPrefix() { return Optional.ofNullable(labelPrefix); }

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link ReplicatedDatabaseArgs}, in the shape of Pulumi's generated SDKs. */
    public static final class Builder {
        private List<String> regions;
        private String engine = DatabaseEngine.MARIADB_10_11.id();
        private String instanceType = "g6-standard-2";
        private String image = "linode/debian12";
        private boolean backups = true;
        private String databaseName = "shop";
        private String adminUser = "shopdr_admin";
        private String replicationUser = "shopdr_repl";
        private String appUser = "shop";
        private Output<String> adminPassword;
        private Output<String> replicationPassword;
        private Output<String> appPassword;
        private Output<String> tlsSeed;
        private int port = 3306;
        private List<String> sshCidrs = List.of();
        private List<String> adminCidrs = List.of();
        private Output<Map<String, List<String>>> clientCidrs = Output.of(Map.of());
        private List<String> authorizedKeys = List.of();
        private String labelPrefix;

        public Builder regions(List<String> regions) { this.regions = regions; return this; }
        public Builder regions(String... regions) { return regions(List.of(regions)); }
        public Builder engine(String engine) { this.engine = engine; return this; }
        public Builder engine(DatabaseEngine engine) { return engine(engine == null ? null : engine.id()); }
        public Builder instanceType(String instanceType) { this.instanceType = instanceType; return this; }
        public Builder image(String image) { this.image = image; return this; }
        public Builder backups(boolean backups) { this.backups = backups; return this; }
        public Builder databaseName(String databaseName) { this.databaseName = databaseName; return this; }
        public Builder adminUser(String adminUser) { this.adminUser = adminUser; return this; }
        public Builder replicationUser(String replicationUser) { this.replicationUser = replicationUser; return this; }
        public Builder appUser(String appUser) { this.appUser = appUser; return this; }
        public Builder adminPassword(Output<String> v) { this.adminPassword = v; return this; }
        public Builder adminPassword(String v) { return adminPassword(Output.ofSecret(v)); }
        public Builder replicationPassword(Output<String> v) { this.replicationPassword = v; return this; }
        public Builder replicationPassword(String v) { return replicationPassword(Output.ofSecret(v)); }
        public Builder appPassword(Output<String> v) { this.appPassword = v; return this; }
        public Builder appPassword(String v) { return appPassword(Output.ofSecret(v)); }
        public Builder tlsSeed(@Nullable Output<String> v) { this.tlsSeed = v; return this; }
        public Builder tlsSeed(String v) { return tlsSeed(Output.ofSecret(v)); }
        public Builder port(int port) { this.port = port; return this; }
        public Builder sshCidrs(List<String> v) { this.sshCidrs = v; return this; }
        public Builder sshCidrs(String... v) { return sshCidrs(List.of(v)); }
        public Builder adminCidrs(List<String> v) { this.adminCidrs = v; return this; }
        public Builder adminCidrs(String... v) { return adminCidrs(List.of(v)); }
        public Builder clientCidrs(Output<Map<String, List<String>>> v) { this.clientCidrs = v; return this; }
        public Builder clientCidrs(Map<String, List<String>> v) { return clientCidrs(Output.of(Map.copyOf(v))); }
        public Builder authorizedKeys(List<String> v) { this.authorizedKeys = v; return this; }
        public Builder labelPrefix(String v) { this.labelPrefix = v; return this; }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigException carrying every invalid field with its fix
         */
        public ReplicatedDatabaseArgs build() {
            Problems problems = new Problems("ReplicatedDatabase arguments");
            List<String> regionList = regions == null ? List.of() : regions;
            problems.require(regionList.size() >= 2, "regions", "need at least two regions (first = primary), got "
                    + regionList, "list the primary first, then each standby");
            Set<String> seen = new HashSet<>();
            Set<String> duplicates = new LinkedHashSet<>();
            for (int i = 0; i < regionList.size(); i++) {
                String r = regionList.get(i);
                if (Rules.regionId(problems, "regions[" + i + "]", r) && !seen.add(r)) {
                    duplicates.add(r);
                }
            }
            duplicates.forEach(r -> problems.add("regions", "\"" + r + "\" appears more than once", "list each region once"));
            Map<Long, String> ids = new HashMap<>();
            for (String r : seen) {
                String other = ids.put(DatabaseCloudInit.serverId(r), r);
                problems.require(other == null, "regions", "\"" + r + "\" and \"" + other + "\" map to the same server_id",
                        "report this");
            }
            DatabaseEngine parsedEngine = DatabaseEngine.parse(problems, "engine", engine);
            requireText(problems, "instanceType", instanceType, "a Linode plan such as g6-standard-2");
            requireText(problems, "image", image, "a Linode image such as linode/debian12");
            identifier(problems, "databaseName", databaseName);
            identifier(problems, "adminUser", adminUser);
            identifier(problems, "replicationUser", replicationUser);
            identifier(problems, "appUser", appUser);
            problems.require(new HashSet<>(java.util.Arrays.asList(adminUser, replicationUser, appUser)).size() == 3,
                    "adminUser/replicationUser/appUser", "must be three different users", "give each its own name");
            secret(problems, "adminPassword", adminPassword);
            secret(problems, "replicationPassword", replicationPassword);
            secret(problems, "appPassword", appPassword);
            Rules.port(problems, "port", port);
            Rules.cidrs(problems, "sshCidrs", sshCidrs);
            Rules.cidrs(problems, "adminCidrs", adminCidrs);
            if (labelPrefix != null && Rules.label(problems, "labelPrefix", labelPrefix, 32)) {
                // the longest label made of it is a firewall's, limited to 32 characters
                seen.stream().map(r -> firewallLabel(labelPrefix, r)).filter(l -> l.length() > 32).findFirst()
                        .ifPresent(l -> problems.add("labelPrefix", "gives firewall label \"" + l + "\", longer than "
                                + "Linode's 32-character firewall label limit", "use a shorter prefix"));
            }
            problems.throwIfAny();
            ReplicatedDatabaseArgs a = new ReplicatedDatabaseArgs();
            a.regions = List.copyOf(regionList);
            a.engine = parsedEngine;
            a.instanceType = instanceType;
            a.image = image;
            a.backups = backups;
            a.databaseName = databaseName;
            a.adminUser = adminUser;
            a.replicationUser = replicationUser;
            a.appUser = appUser;
            a.adminPassword = adminPassword;
            a.replicationPassword = replicationPassword;
            a.appPassword = appPassword;
            a.tlsSeed = tlsSeed;
            a.port = port;
            a.sshCidrs = List.copyOf(sshCidrs);
            a.adminCidrs = List.copyOf(adminCidrs);
            a.clientCidrs = clientCidrs;
            a.authorizedKeys = authorizedKeys == null ? List.of() : List.copyOf(authorizedKeys);
            a.labelPrefix = labelPrefix;
            return a;
        }

        private static void requireText(Problems problems, String field, String value, String example) {
            problems.require(value != null && !value.isBlank(), field, "is empty", "give " + example);
        }

        private static void identifier(Problems problems, String field, String value) {
            problems.require(value != null && IDENTIFIER.matcher(value).matches(), field,
                    "\"" + value + "\" is not a database identifier", "use 1-32 letters, digits or _");
        }

        private static void secret(Problems problems, String field, Output<String> value) {
            problems.require(value != null, field, "is required", "set it as a secret (pulumi config set --secret ...) "
                    + "and pass config.requireSecret(...)");
        }
    }

    /** The Linode firewall label of a region's database firewall. */
    static String firewallLabel(String prefix, String region) {
        return prefix + "-db-" + region;
    }
}
