package io.shopdr.components.dns;

import io.shopdr.components.RestrictedContainer;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.LocalObjectReferenceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.linode.Domain;
import com.pulumi.linode.DomainArgs;
import com.pulumi.linode.DomainRecord;
import com.pulumi.linode.DomainRecordArgs;
import com.pulumi.linode.Firewall;
import com.pulumi.linode.FirewallArgs;
import com.pulumi.linode.Instance;
import com.pulumi.linode.InstanceArgs;
import com.pulumi.linode.inputs.InstanceMetadataArgs;
import com.pulumi.linode.LinodeFunctions;
import com.pulumi.linode.Token;
import com.pulumi.linode.inputs.GetDomainArgs;
import com.pulumi.linode.outputs.GetDomainResult;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.linode.TokenArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import io.shopdr.components.database.ReplicatedDatabaseOutputs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * DNS failover for the shop on Linode, which has no health-checked records: the shop's zone and records,
 * a narrowly scoped Linode token, the failover controller (agent {@code shopdr controller}) running in
 * every region's cluster and, when {@link FailoverDnsArgs#witness()} is set, a witness observer on a small Linode in a
 * third region (the vote a two-region stack needs before its controllers may fail over on their own).
 *
 * <p><b>Who owns what.</b> Pulumi owns the zone, the existence, name, type and TTL of the shop's A/AAAA
 * records, the token, and the controller's Kubernetes objects. The <em>target</em> of each A/AAAA record
 * belongs to the controller once created: Pulumi sets it to the primary region's ingress IP on creation
 * and then ignores changes to it ({@code ignoreChanges: [target]}), so a {@code pulumi up} after a failover
 * never flips DNS back to a dead region. The controller also owns its TXT vote records
 * ({@code _shopdr-vote-<region>}), which Pulumi never declares. Failing back is an operator command
 * ({@code shopdr failback}), not a deploy.
 *
 * <p>The TTL requested is 30 s; Linode documents 300 s as its minimum but stores smaller values in
 * practice. {@link #storedTtls()} reads back what Linode stored and {@link #ttlWarnings()} says when it
 * differs (the program should log them).
 *
 * <p>The controller's token has only {@link #TOKEN_SCOPES} and an expiry; it reaches the pods, with the
 * database admin and replication passwords, through a Secret as environment variables
 * ({@link #ENV_LINODE_TOKEN}, {@link #ENV_DB_ADMIN_PASSWORD}, {@link #ENV_DB_REPLICATION_PASSWORD}); the
 * non-secret config ({@link ControllerConfigDocument}) and the database CA come from a ConfigMap.
 */
public class FailoverDns extends ComponentResource {
    /** Pulumi type token. */
    public static final String TYPE = "shopdr:index:FailoverDns";
    /** The only scopes of the controller's token: DNS switch + votes, and the Cloud Firewall fence. */
    public static final String TOKEN_SCOPES = "domains:read_write,firewall:read_write";
    /** The only scope of the witness's token: it writes its vote and reads the others'; it never fences. */
    public static final String WITNESS_TOKEN_SCOPES = "domains:read_write";
    /** Environment variable carrying the Linode token. */
    public static final String ENV_LINODE_TOKEN = "LINODE_TOKEN";
    /** Environment variable carrying the database admin password. */
    public static final String ENV_DB_ADMIN_PASSWORD = "SHOPDR_DB_ADMIN_PASSWORD";
    /** Environment variable carrying the database replication password. */
    public static final String ENV_DB_REPLICATION_PASSWORD = "SHOPDR_DB_REPLICATION_PASSWORD";
    /** Name of the controller's Deployment, ServiceAccount, Secret and ConfigMap in each cluster. */
    public static final String CONTROLLER_NAME = "shopdr-controller";
    /** Name of the {@code kubernetes.io/dockerconfigjson} Secret for a private controller image, when one is given. */
    public static final String REGISTRY_SECRET = "shopdr-registry";

    @Export(name="domainId", refs={Integer.class}, tree="[0]")
    private Output<Integer> domainId;
    @Export(name="storedTtls", refs={Map.class,String.class,Integer.class}, tree="[0,1,2]")
    private Output<Map<String, Integer>> storedTtls;
    @Export(name="ttlWarnings", refs={List.class,String.class}, tree="[0,1]")
    private Output<List<String>> ttlWarnings;
    @Export(name="tokenExpiry", refs={String.class}, tree="[0]")
    private Output<String> tokenExpiry;
    private final Map<String, DomainRecord> records;
    private final Token token;
    private final Map<String, com.pulumi.kubernetes.apps.v1.Deployment> controllers;
    private final @Nullable Instance witness;

    public FailoverDns(String name, FailoverDnsArgs args) {
        this(name, args, null);
    }

    public FailoverDns(String name, FailoverDnsArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        String primary = args.primaryRegion();

        if (args.existingDomainId().isPresent()) {
            this.domainId = Output.of(args.existingDomainId().get());
        } else if (args.lookUpDomain()) {
            this.domainId = LinodeFunctions.getDomain(GetDomainArgs.builder().domain(args.domain()).build(),
                    InvokeOptions.builder().parent(this).build()).applyValue(GetDomainResult::id);
        } else {
            Domain zone = new Domain(name + "-zone", DomainArgs.builder()
                    .domain(args.domain())
                    .type("master")
                    .soaEmail(args.soaEmail())
                    .tags("shopdr")
                    .build(), CustomResourceOptions.builder().parent(this).protect(args.protectZone()).build());
            this.domainId = zone.id().applyValue(Integer::parseInt);
        }

        Map<String, DomainRecord> records = new LinkedHashMap<>();
        for (String recordName : args.recordNames()) {
            records.put("A " + display(recordName), record(name, "A", recordName, args.ingressIps().get(primary), args));
            Output<String> v6 = args.ingressIpv6s().get(primary);
            if (v6 != null) {
                records.put("AAAA " + display(recordName), record(name, "AAAA", recordName, v6, args));
            }
        }
        this.records = Map.copyOf(records);
        List<Output<Map.Entry<String, Integer>>> ttls = new ArrayList<>();
        records.forEach((key, rec) -> ttls.add(rec.ttlSec().applyValue(t -> Map.entry(key, t == null ? -1 : t))));
        this.storedTtls = Output.all(ttls).applyValue(list -> {
            Map<String, Integer> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
        this.ttlWarnings = storedTtls.applyValue(m -> {
            List<String> warnings = new ArrayList<>();
            m.forEach((key, stored) -> {
                if (stored != args.ttl()) {
                    warnings.add("record " + key + " of " + args.domain() + ": requested ttl " + args.ttl()
                            + " s, Linode stored " + stored + " s; failover takes that much longer to reach clients");
                }
            });
            return warnings;
        });

        this.token = new Token(name + "-controller-token", TokenArgs.builder()
                .label("shopdr-controller-" + Deployment.getInstance().getStackName())
                .scopes(TOKEN_SCOPES)
                .expiry(args.tokenExpiry())
                .build(), CustomResourceOptions.builder().parent(this).build());
        Output<String> tokenValue = token.token().asSecret();
        this.tokenExpiry = token.expiry();

        Output<Map<String, String>> ingress = resolve(args.ingressIps());
        Output<Map<String, String>> ingress6 = resolve(args.ingressIpv6s());
        Map<String, com.pulumi.kubernetes.apps.v1.Deployment> controllers = new LinkedHashMap<>();
        for (String region : args.regions()) {
            controllers.put(region, controller(name, region, args, tokenValue, ingress, ingress6));
        }
        this.controllers = Map.copyOf(controllers);
        this.witness = args.witness().map(w -> witness(name, w, args, ingress, ingress6)).orElse(null);

        registerOutputs(Map.of(
                "domainId", domainId,
                "storedTtls", storedTtls,
                "ttlWarnings", ttlWarnings,
                "tokenExpiry", tokenExpiry));
    }

    /**
     * The witness Linode: its own token (DNS only: it votes, and never fences), a Cloud Firewall admitting nothing
     * inbound (it only connects out, to the regions' ingress and the Linode API; it is stateless, so it is replaced
     * rather than logged into — Lish, Linode's out-of-band console, still reaches it), and the instance whose
     * cloud-init ({@link WitnessCloudInit}) runs the controller image in witness mode. The database firewalls do not
     * admit it: a witness has no database access. A change of its config or token replaces the instance (it keeps no
     * state; its vote is absent for the minutes a replacement takes).
     */
    private Instance witness(String name, WitnessArgs w, FailoverDnsArgs args, Output<Map<String, String>> ingress,
                             Output<Map<String, String>> ingress6) {
        String label = witnessLabel();
        Token witnessToken = new Token(name + "-witness-token", TokenArgs.builder()
                .label(label)
                .scopes(WITNESS_TOKEN_SCOPES)
                .expiry(args.tokenExpiry())
                .build(), CustomResourceOptions.builder().parent(this).build());
        Output<String> configJson = Output.tuple(ingress, ingress6, args.database())
                .applyValue(t -> ControllerConfigDocument.render(args, w.name(), t.t1, t.t2, t.t3));
        Output<java.util.Optional<String>> registryAuth = args.imagePullSecret()
                .map(o -> o.applyValue(java.util.Optional::of))
                .orElse(Output.of(java.util.Optional.empty()));
        Output<String> userData = Output.tuple(configJson, witnessToken.token(), registryAuth)
                .applyValue(t -> java.util.Base64.getEncoder().encodeToString(WitnessCloudInit.render(
                        new WitnessCloudInit.Spec(w.name(), args.controllerImage(), t.t1, t.t2, t.t3))
                        .getBytes(StandardCharsets.UTF_8)))
                .asSecret();
        Instance instance = new Instance(name + "-witness", InstanceArgs.builder()
                .region(w.region())
                .type(w.instanceType())
                .image(w.image())
                .label(label)
                .metadatas(InstanceMetadataArgs.builder().userData(userData).build())
                .tags("shopdr", "shopdr-witness")
                .build(), CustomResourceOptions.builder().parent(this).deleteBeforeReplace(true).build());
        new Firewall(name + "-witness-fw", FirewallArgs.builder()
                .label(label)
                .inboundPolicy("DROP")
                .outboundPolicy("ACCEPT")
                .linodes(instance.id().applyValue(id -> List.of(Integer.parseInt(id))))
                .tags("shopdr", "shopdr-witness")
                .build(), CustomResourceOptions.builder().parent(this).build());
        return instance;
    }

    /** {@code shopdr-<stack>-witness}, within Linode's 32-character firewall label limit. */
    private static String witnessLabel() {
        String stack = Deployment.getInstance().getStackName().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String prefix = (stack.isEmpty() ? "shopdr" : "shopdr-" + stack);
        return (prefix.length() > 24 ? prefix.substring(0, 24).replaceAll("-+$", "") : prefix) + "-witness";
    }

    private DomainRecord record(String name, String type, String recordName, Output<String> target,
                                FailoverDnsArgs args) {
        return new DomainRecord(name + "-" + type.toLowerCase() + "-" + (recordName.isEmpty() ? "apex" : recordName),
                DomainRecordArgs.builder()
                        .domainId(domainId)
                        .name(recordName)
                        .recordType(type)
                        .target(target)
                        .ttlSec(args.ttl())
                        .build(),
                // The controller owns the target after creation: never switch DNS back on a deploy.
                CustomResourceOptions.builder().parent(this).ignoreChanges("target").build());
    }

    private com.pulumi.kubernetes.apps.v1.Deployment controller(String name, String region, FailoverDnsArgs args,
            Output<String> tokenValue, Output<Map<String, String>> ingress, Output<Map<String, String>> ingress6) {
        ProviderResource provider = args.clusterProviders().get(region);
        Map<String, String> labels = Map.of("app.kubernetes.io/name", CONTROLLER_NAME,
                "app.kubernetes.io/part-of", "shopdr", "shopdr.io/region", region);
        List<com.pulumi.resources.Resource> nsDependency = new ArrayList<>();
        if (args.createNamespace()) {
            nsDependency.add(new Namespace(name + "-ns-" + region, NamespaceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(args.namespace())
                            .labels(Map.of("app.kubernetes.io/part-of", "shopdr")).build())
                    .build(), CustomResourceOptions.builder().parent(this).provider(provider).build()));
        }
        CustomResourceOptions inNamespace = CustomResourceOptions.builder().parent(this).provider(provider)
                .dependsOn(nsDependency).build();
        ObjectMetaArgs meta = ObjectMetaArgs.builder().name(CONTROLLER_NAME).namespace(args.namespace()).labels(labels).build();

        List<LocalObjectReferenceArgs> pullSecrets = new ArrayList<>();
        List<com.pulumi.resources.Resource> registry = new ArrayList<>(nsDependency);   // and the namespace
        args.imagePullSecret().ifPresent(config -> {
            registry.add(new Secret(name + "-registry-" + region, RestrictedContainer.registrySecret(
                    ObjectMetaArgs.builder().name(REGISTRY_SECRET).namespace(args.namespace()).labels(labels).build(), config),
                    inNamespace));
            pullSecrets.add(LocalObjectReferenceArgs.builder().name(REGISTRY_SECRET).build());
        });

        ServiceAccount sa = new ServiceAccount(name + "-sa-" + region, ServiceAccountArgs.builder()
                .metadata(meta)
                .automountServiceAccountToken(false)
                .build(), inNamespace);

        Output<ReplicatedDatabaseOutputs> db = args.database();
        Output<Map<String, String>> secretData = Output.tuple(tokenValue, db).applyValue(t -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(ENV_LINODE_TOKEN, t.t1);
            m.put(ENV_DB_ADMIN_PASSWORD, t.t2.adminPassword());
            m.put(ENV_DB_REPLICATION_PASSWORD, t.t2.replicationPassword());
            return m;
        }).asSecret();
        Secret secret = new Secret(name + "-secret-" + region, SecretArgs.builder()
                .metadata(meta)
                .type("Opaque")
                .stringData(secretData)
                .build(), inNamespace);

        Output<String> configJson = Output.tuple(ingress, ingress6, db)
                .applyValue(t -> ControllerConfigDocument.render(args, region, t.t1, t.t2, t.t3))
                .asPlaintext();
        Output<String> ca = db.applyValue(ReplicatedDatabaseOutputs::caCertificate).asPlaintext();
        ConfigMap config = new ConfigMap(name + "-config-" + region, ConfigMapArgs.builder()
                .metadata(meta)
                .data(Output.tuple(configJson, ca).applyValue(t -> Map.of("controller.json", t.t1, "ca.pem", t.t2)))
                .build(), inNamespace);

        Output<Map<String, String>> annotations = Output.tuple(configJson, ca, token.id()).applyValue(t -> Map.of(
                // a new config or a rotated token restarts the controller
                "shopdr.io/config-sha256", sha256(t.t1 + "\n" + t.t2),
                "shopdr.io/token-id", t.t3));
        ContainerArgs container = ContainerArgs.builder()
                .name("controller")
                .image(args.controllerImage())
                .args("controller", "--region", region, "--config", ControllerConfigDocument.CONFIG_FILE)
                .envFrom(EnvFromSourceArgs.builder().secretRef(SecretEnvSourceArgs.builder().name(CONTROLLER_NAME).build()).build())
                .env(EnvVarArgs.builder().name("JAVA_TOOL_OPTIONS").value("-XX:MaxRAMPercentage=50").build())
                .ports(ContainerPortArgs.builder().name("metrics").containerPort(ControllerConfigDocument.METRICS_PORT).build())
                .readinessProbe(probe(5))
                .livenessProbe(probe(30))
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", "50m", "memory", "128Mi"))
                        .limits(Map.of("memory", "256Mi"))
                        .build())
                .securityContext(RestrictedContainer.securityContext())
                .volumeMounts(
                        VolumeMountArgs.builder().name("config").mountPath(ControllerConfigDocument.CONFIG_DIR).readOnly(true).build(),
                        VolumeMountArgs.builder().name("incidents").mountPath(ControllerConfigDocument.INCIDENT_DIR).build(),
                        VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build())
                .build();
        return new com.pulumi.kubernetes.apps.v1.Deployment(name + "-controller-" + region, DeploymentArgs.builder()
                .metadata(meta)
                .spec(DeploymentSpecArgs.builder()
                        .replicas(1)
                        // never two controllers of one region at once
                        .strategy(DeploymentStrategyArgs.builder().type("Recreate").build())
                        .selector(LabelSelectorArgs.builder().matchLabels(Map.of("app.kubernetes.io/name", CONTROLLER_NAME)).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).annotations(annotations).build())
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(CONTROLLER_NAME)
                                        .automountServiceAccountToken(false)
                                        .imagePullSecrets(pullSecrets)
                                        .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true)
                                                .runAsUser(65532).runAsGroup(65532).fsGroup(65532).build())
                                        .containers(container)
                                        .volumes(
                                                VolumeArgs.builder().name("config").configMap(
                                                        ConfigMapVolumeSourceArgs.builder().name(CONTROLLER_NAME).build()).build(),
                                                VolumeArgs.builder().name("incidents").emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build(),
                                                VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(provider)
                .dependsOn(concat(registry, sa, secret, config)).build());
    }

    private static List<com.pulumi.resources.Resource> concat(List<com.pulumi.resources.Resource> first,
                                                              com.pulumi.resources.Resource... more) {
        List<com.pulumi.resources.Resource> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static ProbeArgs probe(int periodSeconds) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path("/healthz").port("metrics").build())
                .periodSeconds(periodSeconds)
                .build();
    }

    private static Output<Map<String, String>> resolve(Map<String, Output<String>> perRegion) {
        List<Output<Map.Entry<String, String>>> entries = new ArrayList<>();
        perRegion.forEach((r, ip) -> entries.add(ip.applyValue(v -> Map.entry(r, v))));
        return Output.all(entries).applyValue(list -> {
            Map<String, String> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    private static String display(String recordName) {
        return recordName.isEmpty() ? "@" : recordName;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The zone's Linode id (created or given). */
    public Output<Integer> domainId() { return domainId; }

    /** The shop's records, keyed like {@code "A @"}, {@code "A www"}, {@code "AAAA www"}. */
    public Map<String, DomainRecord> records() { return records; }

    /** The TTL Linode stored for each record (read back after create), keyed like {@link #records()}. */
    public Output<Map<String, Integer>> storedTtls() { return storedTtls; }

    /** One message per record whose stored TTL differs from the requested one; log them. */
    public Output<List<String>> ttlWarnings() { return ttlWarnings; }

    /** When the controller's token expires. */
    public Output<String> tokenExpiry() { return tokenExpiry; }

    /** The controller's token (secret). */
    public Output<String> controllerToken() { return token.token().asSecret(); }

    /** The witness Linode, when {@link FailoverDnsArgs#witness()} is set. */
    public java.util.Optional<Instance> witness() { return java.util.Optional.ofNullable(witness); }

    /** The controller Deployment of each region. */
    public Map<String, com.pulumi.kubernetes.apps.v1.Deployment> controllers() { return controllers; }
}
