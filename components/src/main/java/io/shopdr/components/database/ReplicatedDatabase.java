package io.shopdr.components.database;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.Deployment;
import com.pulumi.linode.Firewall;
import com.pulumi.linode.FirewallArgs;
import com.pulumi.linode.Instance;
import com.pulumi.linode.InstanceArgs;
import com.pulumi.linode.inputs.FirewallInboundArgs;
import com.pulumi.linode.inputs.InstanceMetadataArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One self-managed database server per region (Linode Managed MySQL cannot replicate across regions), each
 * behind its own Cloud Firewall, ready for the post-deploy hook to wire up GTID replication.
 *
 * <p>Per region: a Linode Instance whose cloud-init ({@link DatabaseCloudInit}) installs and configures the
 * engine, and a Cloud Firewall with inbound policy DROP that accepts the database port only from the other
 * regions' database public IPs (replication; one rule per peer, {@code db-<region>}), each region's cluster nodes
 * ({@code clientCidrs}: the store, the post-deploy hook Job and the controllers; one rule per region,
 * {@code nodes-<region>}) and {@code adminCidrs} ({@code db-admin}); SSH only from {@code sshCidrs}. The rules are
 * labelled per region so the controller's fence can cut exactly the old primary's own region's nodes. Linode's shared private
 * range is never admitted: other customers' Linodes in the data centre share it. The firewall lists its instance ({@code linodes})
 * rather than the instance naming its firewall, because each firewall needs the other regions' IPs: the
 * other way round would be a dependency cycle. Until the firewall attaches (seconds after creation, while
 * packages still install) the server has no network-usable account.
 *
 * <p>User data is bootstrap-only (cloud-init runs once) and Linode replaces an instance when it changes, so
 * the instances ignore later changes to {@code metadatas}: re-ordering regions or rotating a password in
 * config never destroys a database server. Rotate passwords with SQL, then in config.
 *
 * <p>Who owns the firewall rules: Pulumi declares them; the failover controller's network fence prepends a
 * DROP rule ({@code shopdr-fence-db}) for the addresses of that region's {@code nodes-<region>} rule to an old
 * primary's firewall through the Linode API (the other regions' nodes and databases stay admitted, so failback can
 * switch over to it and it can replicate). A plain
 * {@code pulumi up} does not touch a firewall whose inputs did not change, so the fence stays; but a change
 * to that firewall's inputs (CIDRs, a peer's IP) or {@code pulumi up --refresh} rewrites the whole rule list
 * and drops the fence. Lift fences with {@code shopdr failback} before changing the database firewalls.
 * Every firewall admits every region's cluster nodes ({@code clientCidrs}), so a controller reaches every database
 * it polls or fences. Nodes the autoscaler adds later are admitted at the next {@code pulumi up}.
 *
 * <p>Outputs, as {@code @Export} fields: {@code engine}, {@code primaryRegion}, {@code caCertificate},
 * {@code endpoints} and {@code database}, the document the program exports as the {@code database} stack output
 * ({@link ReplicatedDatabaseOutputs#toMap()}; secret because it carries passwords). {@link #outputs()} is the same
 * document typed, for {@code FailoverDnsArgs.builder().database(...)}.
 */
public class ReplicatedDatabase extends ComponentResource {
    /** Pulumi type token. */
    public static final String TYPE = "shopdr:index:ReplicatedDatabase";
    /**
     * Where each server holds the CA certificate: the replication engine's {@code MASTER_SSL_CA} /
     * {@code SOURCE_SSL_CA}. The server certificates name {@code db-<region>.shopdr.internal}, not an IP (see
     * {@link DatabaseCertificates}), so replicas verify the chain (server-cert verification off) and clients
     * use {@code VERIFY_CA}.
     */
    public static final String SERVER_CA_PATH = DatabaseCloudInit.TLS_DIR + "/ca.pem";

    @Export(name="engine", refs={String.class}, tree="[0]")
    private Output<String> engine;
    @Export(name="primaryRegion", refs={String.class}, tree="[0]")
    private Output<String> primaryRegion;
    @Export(name="caCertificate", refs={String.class}, tree="[0]")
    private Output<String> caCertificate;
    @Export(name="endpoints", refs={Map.class,String.class,DatabaseEndpoint.class}, tree="[0,1,2]")
    private Output<Map<String, DatabaseEndpoint>> endpoints;
    /** The {@code database} stack output document (secret: it holds the passwords). */
    @Export(name="database", refs={Map.class,String.class,Object.class}, tree="[0,1,2]")
    private Output<Map<String, Object>> database;
    private final Output<ReplicatedDatabaseOutputs> outputs;
    private final Map<String, Instance> instances;
    private final Map<String, Firewall> firewalls;
    private final ReplicatedDatabaseArgs args;

    public ReplicatedDatabase(String name, ReplicatedDatabaseArgs args) {
        this(name, args, null);
    }

    public ReplicatedDatabase(String name, ReplicatedDatabaseArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        List<String> regions = args.regions();
        String labelPrefix = args.labelPrefix().orElseGet(ReplicatedDatabase::defaultLabelPrefix);

        Output<String> seed = args.tlsSeed().orElse(args.adminPassword().applyValue(p -> "admin-password|" + p));
        Output<DatabaseCertificates> certs = seed
                .applyValue(s -> DatabaseCertificates.derive(s, name, regions))
                .asSecret();
        this.caCertificate = certs.applyValue(DatabaseCertificates::caCertificatePem).asPlaintext();

        Map<String, Instance> instances = new LinkedHashMap<>();
        for (String region : regions) {
            boolean primary = region.equals(args.primaryRegion());
            Output<String> userData = Output.tuple(args.adminPassword(), args.replicationPassword(),
                            args.appPassword(), certs)
                    .applyValue(t -> base64(DatabaseCloudInit.render(new DatabaseServerSpec(
                            args.engine(), region, primary, args.port(), args.databaseName(),
                            args.adminUser(), nonEmpty("adminPassword", t.t1),
                            args.replicationUser(), nonEmpty("replicationPassword", t.t2),
                            args.appUser(), nonEmpty("appPassword", t.t3),
                            t.t4.caCertificatePem(), t.t4.server(region)))))
                    .asSecret();
            var instanceArgs = InstanceArgs.builder()
                    .region(region)
                    .type(args.instanceType())
                    .image(args.image())
                    .label(labelPrefix + "-db-" + region)
                    .privateIp(true)
                    .backupsEnabled(args.backups())
                    .metadatas(InstanceMetadataArgs.builder().userData(userData).build())
                    .tags("shopdr", "shopdr-db", "shopdr-db-" + (primary ? "primary" : "replica"));
            if (!args.authorizedKeys().isEmpty()) {
                instanceArgs.authorizedKeys(args.authorizedKeys());
            }
            instances.put(region, new Instance(name + "-db-" + region, instanceArgs.build(),
                    CustomResourceOptions.builder().parent(this).ignoreChanges("metadatas").build()));
        }
        this.instances = Map.copyOf(instances);

        Map<String, Firewall> firewalls = new LinkedHashMap<>();
        String port = Integer.toString(args.port());
        for (String region : regions) {
            List<FirewallInboundArgs> inbound = new ArrayList<>();
            instances.forEach((peer, inst) -> {
                if (!peer.equals(region)) {
                    inbound.add(FirewallInboundArgs.builder().label(databaseRuleLabel(peer)).action("ACCEPT").protocol("TCP")
                            .ports(port).ipv4s(inst.ipAddress().applyValue(ip -> List.of(ip + "/32"))).build());
                }
            });
            for (String nodes : regions) {
                inbound.add(FirewallInboundArgs.builder().label(nodesRuleLabel(nodes)).action("ACCEPT").protocol("TCP")
                        .ports(port).ipv4s(args.clientCidrs().applyValue(m -> m.getOrDefault(nodes, List.of()))).build());
            }
            if (!args.adminCidrs().isEmpty()) {
                inbound.add(rule("db-admin", port, args.adminCidrs()));
            }
            if (!args.sshCidrs().isEmpty()) {
                inbound.add(rule("ssh", "22", args.sshCidrs()));
            }
            Instance own = instances.get(region);
            firewalls.put(region, new Firewall(name + "-db-fw-" + region, FirewallArgs.builder()
                    .label(ReplicatedDatabaseArgs.firewallLabel(labelPrefix, region))
                    .inboundPolicy("DROP")
                    .outboundPolicy("ACCEPT")
                    .inbounds(inbound)
                    .linodes(own.id().applyValue(id -> List.of(Integer.parseInt(id))))
                    .tags("shopdr", "shopdr-db")
                    .build(), CustomResourceOptions.builder().parent(this).build()));
        }
        this.firewalls = Map.copyOf(firewalls);

        List<Output<Map.Entry<String, DatabaseEndpoint>>> entries = new ArrayList<>();
        for (String region : regions) {
            Instance inst = instances.get(region);
            entries.add(Output.tuple(inst.ipAddress(), inst.privateIpAddress(), firewalls.get(region).id())
                    .applyValue(t -> Map.entry(region,
                            new DatabaseEndpoint(t.t1, t.t2, args.port(), Integer.parseInt(t.t3)))));
        }
        this.endpoints = Output.all(entries).applyValue(list -> {
            Map<String, DatabaseEndpoint> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
        this.outputs = Output.tuple(endpoints, args.adminPassword(), args.replicationPassword(), args.appPassword(),
                        caCertificate)
                .applyValue(t -> new ReplicatedDatabaseOutputs(args.engine().id(), args.primaryRegion(),
                        args.databaseName(), args.adminUser(), t.t2, args.replicationUser(), t.t3, args.appUser(),
                        t.t4, t.t5, t.t1))
                .asSecret();

        this.engine = Output.of(args.engine().id());
        this.primaryRegion = Output.of(args.primaryRegion());
        this.database = outputs.applyValue(ReplicatedDatabaseOutputs::toMap);
        registerOutputs(Map.of(
                "engine", engine,
                "primaryRegion", primaryRegion,
                "caCertificate", caCertificate,
                "endpoints", endpoints.applyValue(m -> {
                    Map<String, Object> plain = new LinkedHashMap<>();
                    m.forEach((r, e) -> plain.put(r, e.toMap()));
                    return plain;
                }),
                "database", database));
    }

    /**
     * Label of the rule admitting {@code region}'s LKE nodes on the database port ({@code nodes-<region>}). The
     * failover controller's firewall fence cuts exactly the fenced database's own region's nodes (agent
     * {@code FirewallFence.nodesRuleLabel}; a test holds the two equal), so the other regions' controllers and hook
     * still reach it.
     */
    public static String nodesRuleLabel(String region) {
        return "nodes-" + region;
    }

    /** Label of the rule admitting {@code region}'s database server (replication) on the database port. */
    public static String databaseRuleLabel(String region) {
        return "db-" + region;
    }

    private static FirewallInboundArgs rule(String label, String ports, List<String> cidrs) {
        List<String> v4 = cidrs.stream().filter(c -> !c.contains(":")).toList();
        List<String> v6 = cidrs.stream().filter(c -> c.contains(":")).toList();
        var b = FirewallInboundArgs.builder().label(label).action("ACCEPT").protocol("TCP").ports(ports);
        if (!v4.isEmpty()) {
            b.ipv4s(v4);
        }
        if (!v6.isEmpty()) {
            b.ipv6s(v6);
        }
        return b.build();
    }

    private static String nonEmpty(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": the secret is empty; set a non-empty value "
                    + "(pulumi config set --secret ...)");
        }
        return value;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code shopdr-<stack>}, shortened so every firewall label stays within Linode's 32 characters. */
    static String defaultLabelPrefix() {
        String stack = Deployment.getInstance().getStackName().replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        String prefix = stack.isEmpty() ? "shopdr" : "shopdr-" + stack;
        // "-db-" + the longest region id (like "in-bom-2") leaves 20 characters.
        return prefix.length() > 20 ? prefix.substring(0, 20).replaceAll("-+$", "") : prefix;
    }

    /** The typed output bag (secret: it holds the passwords). */
    public Output<ReplicatedDatabaseOutputs> outputs() { return outputs; }

    /** The {@code database} stack output document of contracts.md (secret). */
    public Output<Map<String, Object>> database() { return database; }

    /** The CA certificate (PEM) the servers' certificates chain to; public. */
    public Output<String> caCertificate() { return caCertificate; }

    /** Endpoints per region, in region order; not secret. */
    public Output<Map<String, DatabaseEndpoint>> endpoints() { return endpoints; }

    /** One region's endpoint (the application connects to its own region's {@code privateIp}). */
    public Output<DatabaseEndpoint> endpoint(String region) {
        if (!instances.containsKey(region)) {
            throw new IllegalArgumentException("region " + region + " is not one of this database's regions "
                    + args.regions());
        }
        return endpoints.applyValue(m -> m.get(region));
    }

    /** The primary region at deploy time. */
    public Output<String> primaryRegion() { return primaryRegion; }

    /** The engine's id, e.g. {@code mariadb-10.11}. */
    public Output<String> engine() { return engine; }

    /** The database instances by region (e.g. for dependsOn). */
    public Map<String, Instance> instances() { return instances; }

    /** The database firewalls by region (the controller's network fence edits them). */
    public Map<String, Firewall> firewalls() { return firewalls; }
}
