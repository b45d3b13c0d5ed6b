package io.shopdr.components.dns;

import com.pulumi.core.Output;
import com.pulumi.resources.ProviderResource;
import io.shopdr.components.database.ReplicatedDatabaseOutputs;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Arguments of {@link FailoverDns}. Structural settings are plain values (resource names and per-region
 * resources derive from them); addresses, credentials and cluster providers come from other components as
 * {@link Output}s / resources. {@link Builder#build()} validates everything at once and names each bad field.
 */
public final class FailoverDnsArgs extends com.pulumi.resources.ResourceArgs {
    /**
     * The image the agent module's Jib build publishes for this version ({@code ghcr.io/<owner>/shopdr-controller:
     * <version>}, from the build: see {@link io.shopdr.components.BuildInfo}); overridable with
     * {@link Builder#controllerImage}.
     */
    public static final String DEFAULT_CONTROLLER_IMAGE = io.shopdr.components.BuildInfo.controllerImage();

    static final Pattern RECORD_NAME = Pattern.compile("|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*");
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private String domain;
    private @Nullable Integer existingDomainId;
    private boolean lookUpDomain;
    private String soaEmail;
    private List<String> recordNames;
    private List<String> regions;
    private Map<String, Output<String>> ingressIps;
    private Map<String, Output<String>> ingressIpv6s;
    private int ttl;
    private Map<String, ProviderResource> clusterProviders;
    private Output<ReplicatedDatabaseOutputs> database;
    private String controllerImage;
    private @Nullable Output<String> imagePullSecret;
    private String namespace;
    private boolean createNamespace;
    private boolean protectZone;
    private String tokenExpiry;
    private int probeIntervalSeconds;
    private int failureThreshold;
    private int successThreshold;
    private int holdDownSeconds;
    private String probeScheme;
    private String probePath;
    private List<String> witnesses;
    private @Nullable WitnessArgs witness;

    private FailoverDnsArgs() {}

    /** The shop's DNS zone, e.g. {@code shop.example.com}. Required. */
    public String domain() { return domain; }
    /** Id of an existing Linode zone to use instead of creating one. @default none: the zone is created */
    public Optional<Integer> existingDomainId() { return Optional.ofNullable(existingDomainId); }
    /** Use the existing Linode zone named {@link #domain()} (looked up at deploy time). @default false: the zone is created */
    public boolean lookUpDomain() { return lookUpDomain; }
    /** SOA email of a created zone. @default {@code hostmaster@<domain>} */
    public String soaEmail() { return soaEmail; }
    /** Names of the shop's records relative to the zone ({@code ""} = apex). @default {@code ""} and {@code www} */
    public List<String> recordNames() { return recordNames; }
    /** Regions, first = primary. Required; at least two, each once. */
    public List<String> regions() { return regions; }
    /** The first region. */
    public String primaryRegion() { return regions.get(0); }
    /** Ingress IPv4 per region: A records point at the primary's; required for every region. */
    public Map<String, Output<String>> ingressIps() { return ingressIps; }
    /** Ingress IPv6 per region: AAAA records when the primary has one. @default none */
    public Map<String, Output<String>> ingressIpv6s() { return ingressIpv6s; }
    /** TTL requested for the shop's records; Linode may store another (read back). @default 30 s */
    public int ttl() { return ttl; }
    /** Kubernetes provider of each region's cluster; required for every region. */
    public Map<String, ProviderResource> clusterProviders() { return clusterProviders; }
    /** ReplicatedDatabase's output bag: DB endpoints, firewall ids, credentials for the controller. Required. */
    public Output<ReplicatedDatabaseOutputs> database() { return database; }
    /** @default {@link #DEFAULT_CONTROLLER_IMAGE} */
    public String controllerImage() { return controllerImage; }

    /**
     * A {@code .dockerconfigjson} document (a Pulumi secret) for a private controller image: it becomes a
     * {@code kubernetes.io/dockerconfigjson} Secret {@link FailoverDns#REGISTRY_SECRET} beside each controller, named
     * in the pod's {@code imagePullSecrets}. @default none (a public image)
     */
    public java.util.Optional<Output<String>> imagePullSecret() { return java.util.Optional.ofNullable(imagePullSecret); }
    /** Namespace of the controller in each cluster (created). @default {@code shopdr} */
    public String namespace() { return namespace; }
    /** Whether to create {@link #namespace()} in each cluster (false when another component owns it). @default true */
    public boolean createNamespace() { return createNamespace; }
    /**
     * Whether a created zone is protected from deletion (deleting it takes the shop offline; unprotect with
     * {@code pulumi state unprotect} before destroying a stack). @default true
     */
    public boolean protectZone() { return protectZone; }
    /**
     * Expiry of the controller's Linode token (RFC 3339). @default 1 January of the year after next (UTC): a
     * fixed value within a year, so runs do not replace the token, and every yearly {@code pulumi up} rotates
     * it with at least a year left
     */
    public String tokenExpiry() { return tokenExpiry; }
    /** @default 2 s */
    public int probeIntervalSeconds() { return probeIntervalSeconds; }
    /** Consecutive failed probes to mark a region down. @default 3 */
    public int failureThreshold() { return failureThreshold; }
    /** Consecutive healthy probes to mark a region up. @default 3 */
    public int successThreshold() { return successThreshold; }
    /** No second automatic failover within this period. @default 3600 s */
    public int holdDownSeconds() { return holdDownSeconds; }
    /** @default https */
    public String probeScheme() { return probeScheme; }
    /** @default {@code /healthz} */
    public String probePath() { return probePath; }
    /**
     * Names of witness observers (probe and vote, never act) every controller's config lists: those run elsewhere
     * ({@link Builder#witnesses}) and the one this component deploys ({@link #witness()}). @default none
     */
    public List<String> witnesses() { return witnesses; }
    /** The witness Linode this component deploys in a third region. @default none */
    public Optional<WitnessArgs> witness() { return Optional.ofNullable(witness); }

    /**
     * The warning a preview must show when automatic failover cannot act: two regions and no witness leave one
     * region's vote against the other's, so the controllers hold instead of failing over (the quorum rule needs a
     * vote from outside the primary's region that a partition cannot fake). Empty when failover can act.
     */
    public Optional<String> quorumWarning() {
        return quorumWarning(regions, witnesses);
    }

    /** {@link #quorumWarning()} of a stack with these regions and witness observers. */
    static Optional<String> quorumWarning(List<String> regions, List<String> witnesses) {
        if (regions.size() > 2 || !witnesses.isEmpty()) return Optional.empty();
        return Optional.of("automatic failover is disabled: " + regions.size() + " regions " + regions
                + " and no witness, so a dead region cannot be told from a cut link and the controllers hold"
                + " (no-witness) instead of failing over; add failover.witness {region: <a region that is none of "
                + regions + ">, type: g6-nanode-1} (a small Linode voting from outside both) or a third region");
    }

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link FailoverDnsArgs}, in the shape of Pulumi's generated SDKs. */
    public static final class Builder {
        private String domain;
        private Integer existingDomainId;
        private boolean lookUpDomain;
        private String soaEmail;
        private List<String> recordNames = List.of("", "www");
        private List<String> regions;
        private Map<String, Output<String>> ingressIps = Map.of();
        private Map<String, Output<String>> ingressIpv6s = Map.of();
        private int ttl = 30;
        private Map<String, ProviderResource> clusterProviders = Map.of();
        private Output<ReplicatedDatabaseOutputs> database;
        private String controllerImage = DEFAULT_CONTROLLER_IMAGE;
        private @Nullable Output<String> imagePullSecret;
        private String namespace = "shopdr";
        private boolean createNamespace = true;
        private boolean protectZone = true;
        private String tokenExpiry;
        private int probeIntervalSeconds = 2;
        private int failureThreshold = 3;
        private int successThreshold = 3;
        private int holdDownSeconds = 3600;
        private String probeScheme = "https";
        private String probePath = "/healthz";
        private List<String> witnesses = List.of();
        private @Nullable WitnessArgs witness;
        private Clock clock = Clock.systemUTC();

        public Builder domain(String v) { this.domain = v; return this; }
        public Builder existingDomainId(@Nullable Integer v) { this.existingDomainId = v; return this; }
        public Builder lookUpDomain(boolean v) { this.lookUpDomain = v; return this; }
        public Builder soaEmail(String v) { this.soaEmail = v; return this; }
        public Builder recordNames(List<String> v) { this.recordNames = v; return this; }
        public Builder recordNames(String... v) { return recordNames(List.of(v)); }
        public Builder regions(List<String> v) { this.regions = v; return this; }
        public Builder regions(String... v) { return regions(List.of(v)); }
        public Builder ingressIps(Map<String, Output<String>> v) { this.ingressIps = v; return this; }
        public Builder ingressIpv6s(Map<String, Output<String>> v) { this.ingressIpv6s = v; return this; }
        public Builder ttl(int v) { this.ttl = v; return this; }
        public Builder clusterProviders(Map<String, ? extends ProviderResource> v) {
            this.clusterProviders = v == null ? null : new LinkedHashMap<>(v);
            return this;
        }
        public Builder database(Output<ReplicatedDatabaseOutputs> v) { this.database = v; return this; }
        public Builder controllerImage(String v) { this.controllerImage = v; return this; }
        public Builder imagePullSecret(@Nullable Output<String> dockerConfigJson) { this.imagePullSecret = dockerConfigJson; return this; }
        public Builder namespace(String v) { this.namespace = v; return this; }
        public Builder createNamespace(boolean v) { this.createNamespace = v; return this; }
        public Builder protectZone(boolean v) { this.protectZone = v; return this; }
        public Builder tokenExpiry(String v) { this.tokenExpiry = v; return this; }
        public Builder probeIntervalSeconds(int v) { this.probeIntervalSeconds = v; return this; }
        public Builder failureThreshold(int v) { this.failureThreshold = v; return this; }
        public Builder successThreshold(int v) { this.successThreshold = v; return this; }
        public Builder holdDownSeconds(int v) { this.holdDownSeconds = v; return this; }
        public Builder probeScheme(String v) { this.probeScheme = v; return this; }
        public Builder probePath(String v) { this.probePath = v; return this; }
        public Builder witnesses(List<String> v) { this.witnesses = v; return this; }
        public Builder witness(@Nullable WitnessArgs v) { this.witness = v; return this; }
        /** The clock the default token expiry is computed from (tests). */
        Builder clock(Clock v) { this.clock = v; return this; }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigException carrying every invalid field with its fix
         */
        public FailoverDnsArgs build() {
            Problems problems = new Problems("FailoverDns arguments");
            Rules.dnsName(problems, "domain", domain);
            problems.require(existingDomainId == null || existingDomainId > 0, "existingDomainId",
                    existingDomainId + " is not a Linode domain id", "give a positive number (linode-cli domains list)");
            problems.require(existingDomainId == null || !lookUpDomain, "existingDomainId/lookUpDomain",
                    "both are set", "give the zone either by id or by name, not both");
            List<String> regionList = regions == null ? List.of() : regions;
            problems.require(regionList.size() >= 2, "regions", "need at least two regions (first = primary), got "
                    + regionList, "list the primary first, then each standby");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < regionList.size(); i++) {
                String r = regionList.get(i);
                if (Rules.regionId(problems, "regions[" + i + "]", r)) {
                    problems.require(seen.add(r), "regions", "\"" + r + "\" appears more than once", "list each region once");
                }
            }
            Map<String, Output<String>> ips = ingressIps == null ? Map.of() : ingressIps;
            Map<String, ProviderResource> providers = clusterProviders == null ? Map.of() : clusterProviders;
            for (String r : seen) {
                problems.require(ips.get(r) != null, "ingressIps", "no ingress IP for region " + r, "give one per region");
                problems.require(providers.get(r) != null, "clusterProviders", "no Kubernetes provider for region " + r,
                        "give each region's cluster provider (the controller runs in every region)");
            }
            for (String r : ips.keySet()) {
                problems.require(seen.contains(r), "ingressIps", "region " + r + " is not in regions " + regionList, "");
            }
            for (String r : providers.keySet()) {
                problems.require(seen.contains(r), "clusterProviders", "region " + r + " is not in regions " + regionList, "");
            }
            Map<String, Output<String>> v6 = ingressIpv6s == null ? Map.of() : ingressIpv6s;
            for (String r : v6.keySet()) {
                problems.require(seen.contains(r), "ingressIpv6s", "region " + r + " is not in regions " + regionList, "");
            }
            List<String> names = recordNames == null ? List.of() : recordNames;
            problems.require(!names.isEmpty(), "recordNames", "is empty", "list the shop's record names (\"\" for the apex)");
            Set<String> seenNames = new HashSet<>();
            for (String n : names) {
                if (problems.require(n != null && RECORD_NAME.matcher(n).matches(), "recordNames",
                        "\"" + n + "\" is not a record name relative to the zone", "\"\" is the apex, e.g. www")) {
                    problems.require(seenNames.add(n), "recordNames", "\"" + n + "\" appears more than once", "list each once");
                }
            }
            problems.require(ttl >= 1 && ttl <= 604800, "ttl", ttl + " is out of range",
                    "use 30 (Linode stores what it accepts; it is read back)");
            problems.require(database != null, "database", "is required",
                    "pass ReplicatedDatabase.outputs() (the controller fences and promotes with it)");
            problems.require(controllerImage != null && !controllerImage.isBlank() && !controllerImage.contains(" "),
                    "controllerImage", "\"" + controllerImage + "\" is not an image reference", "use e.g. " + DEFAULT_CONTROLLER_IMAGE);
            problems.require(namespace != null && DNS_LABEL.matcher(namespace).matches(), "namespace",
                    "\"" + namespace + "\" is not a Kubernetes namespace name", "use lowercase letters, digits and '-', at most 63");
            String expiry = tokenExpiry;
            if (expiry == null) {
                int year = LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear() + 2;
                expiry = year + "-01-01T00:00:00Z";
            } else {
                try {
                    problems.require(Instant.parse(expiry).isAfter(clock.instant()), "tokenExpiry",
                            expiry + " is in the past", "give a future time");
                } catch (DateTimeParseException e) {
                    problems.add("tokenExpiry", "\"" + expiry + "\" is not an RFC 3339 time", "write one like 2028-01-01T00:00:00Z");
                }
            }
            Rules.atLeast(problems, "probeIntervalSeconds", probeIntervalSeconds, 1);
            Rules.atLeast(problems, "failureThreshold", failureThreshold, 1);
            Rules.atLeast(problems, "successThreshold", successThreshold, 1);
            Rules.atLeast(problems, "holdDownSeconds", holdDownSeconds, 0);
            problems.require("http".equals(probeScheme) || "https".equals(probeScheme), "probeScheme",
                    "\"" + probeScheme + "\" is not a probe scheme", "use http or https");
            problems.require(probePath != null && probePath.startsWith("/"), "probePath",
                    "\"" + probePath + "\" does not start with /", "write an absolute path such as /healthz");
            List<String> witnessList = witnesses == null ? List.of() : witnesses;
            for (String w : witnessList) {
                problems.require(w != null && DNS_LABEL.matcher(w).matches() && !seen.contains(w), "witnesses",
                        "\"" + w + "\" is not a lower-case name distinct from the regions", "name each witness after where it runs");
            }
            List<String> observers = new java.util.ArrayList<>(witnessList);
            if (witness != null) {
                witness.validate(problems, regionList);
                problems.require(!witnessList.contains(witness.name()), "witnesses", "\"" + witness.name()
                        + "\" is both listed and deployed", "leave it out of witnesses: the deployed witness is listed by itself");
                observers.add(witness.name());
            }
            problems.throwIfAny();
            FailoverDnsArgs a = new FailoverDnsArgs();
            a.domain = domain;
            a.existingDomainId = existingDomainId;
            a.lookUpDomain = lookUpDomain;
            a.soaEmail = soaEmail == null ? "hostmaster@" + domain : soaEmail;
            a.recordNames = List.copyOf(names);
            a.regions = List.copyOf(regionList);
            a.ingressIps = Map.copyOf(ips);
            a.ingressIpv6s = Map.copyOf(v6);
            a.ttl = ttl;
            a.clusterProviders = Map.copyOf(providers);
            a.database = database;
            a.controllerImage = controllerImage;
            a.imagePullSecret = imagePullSecret;
            a.namespace = namespace;
            a.createNamespace = createNamespace;
            a.protectZone = protectZone;
            a.tokenExpiry = expiry;
            a.probeIntervalSeconds = probeIntervalSeconds;
            a.failureThreshold = failureThreshold;
            a.successThreshold = successThreshold;
            a.holdDownSeconds = holdDownSeconds;
            a.probeScheme = probeScheme;
            a.probePath = probePath;
            a.witnesses = List.copyOf(observers);
            a.witness = witness;
            return a;
        }
    }
}
