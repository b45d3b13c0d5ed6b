package io.shopdr.program;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.components.dns.WitnessArgs;
import io.shopdr.components.region.AssetsArgs;
import io.shopdr.components.region.LinodeRegions;
import io.shopdr.components.region.MirrorSchedule;
import io.shopdr.components.region.NodePoolArgs;
import io.shopdr.components.region.StoreChartArgs;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problems;
import io.shopdr.validation.Rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The stack configuration the program needs ({@code shopdr:*} keys of Pulumi.&lt;stack&gt;.yaml), validated as a
 * whole before any resource is declared, so a bad config fails at preview with one message naming every key and
 * its fix. Secret values never pass through here: only whether each required secret is set, and set as a secret.
 */
public final class StackSettings {
    /** Config keys that must be set with {@code pulumi config set --secret}. */
    public static final List<String> REQUIRED_SECRETS =
            List.of("dbAdminPassword", "dbReplicationPassword", "dbAppPassword");
    /** Database engines the program accepts. */
    public static final List<String> ENGINES = List.of("mariadb-10.11", "mysql-8.4");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where raw config values come from: the Pulumi config at run time, a map in tests. */
    public interface Source {
        /** The raw value of {@code shopdr:<key>} (JSON text for lists and objects), if set. */
        Optional<String> get(String key);

        /** Whether {@code shopdr:<key>} was stored as a secret ({@code pulumi config set --secret}). */
        boolean isSecret(String key);
    }

    private List<String> regions;
    private String domain;
    private String kubernetesVersion;
    private List<NodePoolArgs> nodePools;
    private boolean haControlPlane;
    private List<String> controlPlaneAllowedCidrs;
    private String dbEngine;
    private String dbInstanceType;
    private List<String> dbAdminCidrs;
    private StoreChartArgs store;
    private String bucketPrefix;
    private int mirrorIntervalMinutes;
    private Failover failover;
    private Integer dnsZoneId;
    private String controllerImage;
    private boolean imagePullSecret;
    private boolean dbBackups;

    /**
     * The failover policy ({@code shopdr:failover.*}) for the controllers FailoverDns deploys.
     *
     * @param probeIntervalSeconds seconds between health probes (default 2)
     * @param failureThreshold     consecutive failed probes that mark a region down (default 3)
     * @param successThreshold     consecutive good probes that mark it up again (default 3)
     * @param holdDownMinutes      no second automatic failover within this many minutes (default 60)
     * @param autoFailback         always false: failback is manual ({@code ./shopdr failback}); true is refused
     * @param probeScheme          scheme the controllers probe each region's ingress with (default http: RegionStack
     *                             provisions no TLS certificate, and probes address the ingress IP directly)
     * @param tokenExpiry          expiry of the controller's Linode token, RFC 3339 (default: FailoverDns's)
     * @param witnesses            names of witness observers run elsewhere that vote but never act (default none)
     * @param witness              the witness Linode FailoverDns deploys ({@code failover.witness: {region, type}};
     *                             default none: a two-region stack without one is warned at preview, and its
     *                             controllers never fail over on their own)
     */
    public record Failover(int probeIntervalSeconds, int failureThreshold, int successThreshold, int holdDownMinutes,
                           boolean autoFailback, String probeScheme, Optional<String> tokenExpiry, List<String> witnesses,
                           Optional<WitnessArgs> witness) {}

    private StackSettings() {}

    /**
     * Reads and validates every {@code shopdr:*} key.
     *
     * @throws InvalidConfigException listing every problem, each naming its config key and the fix
     */
    public static StackSettings from(Source source) {
        Problems problems = new Problems("stack config");
        StackSettings s = new StackSettings();

        s.regions = stringList(source, "regions", problems);
        problems.require(s.regions.size() >= 2, "shopdr:regions", "must list at least two regions, first = primary",
                "e.g. pulumi config set --path 'shopdr:regions[1]' eu-west");
        problems.require(new LinkedHashSet<>(s.regions).size() == s.regions.size(), "shopdr:regions",
                "lists a region twice: " + s.regions, "list each region once");
        for (int i = 0; i < s.regions.size(); i++) {
            String field = "shopdr:regions[" + i + "]";
            if (Rules.regionId(problems, field, s.regions.get(i))) {
                problems.require(LinodeRegions.isKnown(s.regions.get(i)), field, "\"" + s.regions.get(i) + "\" is not a "
                        + "known Linode region id", "use one of: " + LinodeRegions.listing());
            }
        }

        s.domain = source.get("domain").map(String::trim).orElse("");
        if (problems.require(!s.domain.isEmpty(), "shopdr:domain", "is missing",
                "pulumi config set shopdr:domain shop.example.com")) {
            Rules.dnsName(problems, "shopdr:domain", s.domain);
        }

        s.kubernetesVersion = source.get("kubernetesVersion").map(String::trim).orElse("");
        problems.require(s.kubernetesVersion.matches("\\d+\\.\\d+"), "shopdr:kubernetesVersion",
                s.kubernetesVersion.isEmpty() ? "is missing" : "\"" + s.kubernetesVersion + "\" is not major.minor",
                "set the one LKE version every region runs, e.g. pulumi config set shopdr:kubernetesVersion 1.31");

        s.nodePools = nodePools(source, problems);
        s.haControlPlane = bool(source, "haControlPlane", true, problems);
        s.controlPlaneAllowedCidrs = stringList(source, "controlPlaneAllowedCidrs", problems);
        Rules.cidrs(problems, "shopdr:controlPlaneAllowedCidrs", s.controlPlaneAllowedCidrs);

        s.dbEngine = source.get("dbEngine").orElse("mariadb-10.11");
        problems.require(ENGINES.contains(s.dbEngine), "shopdr:dbEngine", "\"" + s.dbEngine + "\" is not supported",
                "use one of " + ENGINES);
        s.dbInstanceType = source.get("dbInstanceType").orElse("g6-standard-2");
        s.dbBackups = bool(source, "dbBackups", true, problems);
        s.controllerImage = source.get("controllerImage").map(String::trim)
                .orElse(io.shopdr.components.dns.FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE);
        problems.require(!s.controllerImage.isEmpty() && !s.controllerImage.contains(" "), "shopdr:controllerImage",
                "\"" + s.controllerImage + "\" is not an image reference",
                "use e.g. " + io.shopdr.components.dns.FailoverDnsArgs.DEFAULT_CONTROLLER_IMAGE);
        s.imagePullSecret = source.get("imagePullSecret").filter(v -> !v.isEmpty()).isPresent();
        problems.require(!s.imagePullSecret || source.isSecret("imagePullSecret"), "shopdr:imagePullSecret",
                "is stored in plain text", "set it again with pulumi config set --secret shopdr:imagePullSecret "
                        + "\"$(cat ~/.docker/config.json)\"");
        s.dbAdminCidrs = stringList(source, "dbAdminCidrs", problems);
        Rules.cidrs(problems, "shopdr:dbAdminCidrs", s.dbAdminCidrs);

        s.store = store(source, s.controllerImage, problems);
        assets(source, s, problems);
        s.failover = failover(source, s.regions, problems);
        s.dnsZoneId = source.get("dnsZoneId").map(v -> {
            try {
                int id = Integer.parseInt(v.trim());
                if (id > 0) return id;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add("shopdr:dnsZoneId", "\"" + v + "\" is not a Linode domain id", "give the positive number "
                    + "linode-cli domains list shows, or leave it unset to create the zone");
            return null;
        }).orElse(null);

        for (String key : REQUIRED_SECRETS) {
            if (problems.require(source.get(key).filter(v -> !v.isEmpty()).isPresent(), "shopdr:" + key, "is missing",
                    "pulumi config set --secret shopdr:" + key + " <value>")) {
                problems.require(source.isSecret(key), "shopdr:" + key, "is stored in plain text",
                        "set it again with pulumi config set --secret shopdr:" + key + " <value>");
            }
        }

        problems.throwIfAny();
        return s;
    }

    /** The regions, first = primary. */
    public List<String> regions() { return regions; }

    /** The primary region (the first listed). */
    public String primaryRegion() { return regions.get(0); }

    /** The standby regions (all but the first). */
    public List<String> standbyRegions() { return regions.subList(1, regions.size()); }

    /** The shop's domain ({@code shopdr:domain}). */
    public String domain() { return domain; }

    /** The one LKE Kubernetes version of every region ({@code shopdr:kubernetesVersion}). */
    public String kubernetesVersion() { return kubernetesVersion; }

    /** Node pools of every region's cluster ({@code shopdr:nodePools}). */
    public List<NodePoolArgs> nodePools() { return nodePools; }

    /** HA control plane ({@code shopdr:haControlPlane}, default true). */
    public boolean haControlPlane() { return haControlPlane; }

    /** Kubernetes API ACL ({@code shopdr:controlPlaneAllowedCidrs}, default none = ACL off). */
    public List<String> controlPlaneAllowedCidrs() { return controlPlaneAllowedCidrs; }

    /** Database engine ({@code shopdr:dbEngine}, default mariadb-10.11). */
    public String dbEngine() { return dbEngine; }

    /** Linode plan of each database instance ({@code shopdr:dbInstanceType}, default g6-standard-2). */
    public String dbInstanceType() { return dbInstanceType; }

    /** Where the post-deploy hook reaches the databases from ({@code shopdr:dbAdminCidrs}, default none). */
    public List<String> dbAdminCidrs() { return dbAdminCidrs; }

    /** The store's chart ({@code shopdr:store}). */
    public StoreChartArgs store() { return store; }

    /** The assets bucket label of a region: {@code <shopdr:assets.bucketPrefix>-<region>}. */
    public String bucketLabel(String region) { return bucketPrefix + "-" + region; }

    /** Minutes between asset mirror runs ({@code shopdr:assets.mirrorIntervalMinutes}, default 15). */
    public int mirrorIntervalMinutes() { return mirrorIntervalMinutes; }

    /** The failover policy ({@code shopdr:failover}). */
    public Failover failover() { return failover; }

    /** The controller image, also the reference storefront's ({@code shopdr:controllerImage}, default: this build's). */
    public String controllerImage() { return controllerImage; }

    /** Whether {@code shopdr:imagePullSecret} (a secret .dockerconfigjson for private images) is set. */
    public boolean hasImagePullSecret() { return imagePullSecret; }

    /** Linode Backups on the database instances ({@code shopdr:dbBackups}, default true). */
    public boolean dbBackups() { return dbBackups; }

    /** Id of an existing Linode DNS zone for the domain ({@code shopdr:dnsZoneId}); empty = FailoverDns creates it. */
    public Optional<Integer> dnsZoneId() { return Optional.ofNullable(dnsZoneId); }

    // ---- parsing helpers: each adds a problem naming the key instead of throwing ----

    private static JsonNode json(Source source, String key, Problems problems) {
        Optional<String> raw = source.get(key);
        if (raw.isEmpty()) return null;
        try {
            return JSON.readTree(raw.get());
        } catch (Exception e) {
            problems.add("shopdr:" + key, "is not a valid YAML/JSON structure: " + raw.get().lines().findFirst().orElse(""),
                    "set it with pulumi config set --path");
            return null;
        }
    }

    private static List<String> stringList(Source source, String key, Problems problems) {
        JsonNode node = json(source, key, problems);
        if (node == null) return List.of();
        if (!problems.require(node.isArray(), "shopdr:" + key, "is not a list",
                "e.g. pulumi config set --path 'shopdr:" + key + "[0]' ...")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static boolean bool(Source source, String key, boolean dflt, Problems problems) {
        Optional<String> raw = source.get(key);
        if (raw.isEmpty()) return dflt;
        return switch (raw.get().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add("shopdr:" + key, "is \"" + raw.get() + "\"", "use true or false");
                yield dflt;
            }
        };
    }

    private static List<NodePoolArgs> nodePools(Source source, Problems problems) {
        JsonNode node = json(source, "nodePools", problems);
        if (!problems.require(node != null && node.isArray() && !node.isEmpty(), "shopdr:nodePools",
                "must list at least one pool", "e.g. pulumi config set --path 'shopdr:nodePools[0].type' g6-dedicated-4 "
                        + "(with min and max)")) {
            return List.of();
        }
        List<NodePoolArgs> pools = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String k = "shopdr:nodePools[" + i + "]";
            String type = p.path("type").asText("");
            problems.require(!type.isEmpty(), k + ".type", "is missing", "give a Linode plan type such as g6-dedicated-4");
            int min = p.path("min").asInt(3);
            int max = p.path("max").asInt(min);
            problems.require(min >= 1, k + ".min", "is " + min, "a pool needs at least 1 node");
            problems.require(min <= max, k + ".min", "(" + min + ") is greater than " + k + ".max (" + max + ")",
                    "make min <= max");
            pools.add(NodePoolArgs.builder().type(type).min(min).max(max).build());
        }
        return List.copyOf(pools);
    }

    /**
     * The store chart; its values also get {@code shopdrImage} (the controller image, which runs the reference
     * storefront of charts/storefront as {@code shopdr storefront}) unless the user's values set it.
     */
    private static StoreChartArgs store(Source source, String shopdrImage, Problems problems) {
        JsonNode node = json(source, "store", problems);
        if (!problems.require(node != null && node.isObject(), "shopdr:store", "is missing", "give the store's Helm "
                + "chart, e.g. pulumi config set --path shopdr:store.repository https://charts.example.com, "
                + "shopdr:store.chart storefront, shopdr:store.version 1.0.0 (or shopdr:store.path ./chart)")) {
            return StoreChartArgs.builder().build();
        }
        StoreChartArgs.Builder b = StoreChartArgs.builder()
                .repository(text(node, "repository"))
                .chart(text(node, "chart"))
                .version(text(node, "version"))
                .path(text(node, "path"));
        if (node.hasNonNull("namespace")) b.namespace(node.get("namespace").asText());
        if (node.hasNonNull("replicas")) b.replicas(node.get("replicas").asInt());
        if (node.hasNonNull("healthPath")) b.healthPath(node.get("healthPath").asText());
        LinkedHashMap<String, Object> values = node.hasNonNull("values")
                ? JSON.convertValue(node.get("values"), new TypeReference<LinkedHashMap<String, Object>>() {})
                : new LinkedHashMap<>();
        values.putIfAbsent("shopdrImage", shopdrImage);
        b.values(values);
        StoreChartArgs store = b.build();
        if (problems.require(store.chart().isPresent() != store.path().isPresent(), "shopdr:store",
                "sets " + (store.chart().isPresent() ? "both" : "neither") + " chart and path",
                "set either chart (with repository and version) or path")) {
            problems.require(store.chart().isEmpty() || store.repository().isPresent() && store.version().isPresent(),
                    "shopdr:store.chart", "has no shopdr:store.repository or no pinned shopdr:store.version",
                    "set both");
        }
        problems.require(store.replicas() >= 1, "shopdr:store.replicas", "is " + store.replicas(),
                "run at least 1 replica per region");
        problems.require(store.healthPath().startsWith("/"), "shopdr:store.healthPath",
                "\"" + store.healthPath() + "\" does not start with '/'", "write an absolute path, e.g. /healthz");
        return store;
    }

    private static Failover failover(Source source, List<String> regions, Problems problems) {
        JsonNode node = json(source, "failover", problems);
        if (!problems.require(node == null || node.isObject(), "shopdr:failover", "is not an object of settings",
                "set its keys: pulumi config set --path shopdr:failover.probeIntervalSeconds 2, ...")) {
            node = null;
        }
        JsonNode n = node == null ? JSON.createObjectNode() : node;
        int probe = positive(n, "probeIntervalSeconds", 2, 300, problems);
        int failures = positive(n, "failureThreshold", 3, 100, problems);
        int successes = positive(n, "successThreshold", 3, 100, problems);
        int holdDown = positive(n, "holdDownMinutes", 60, 7 * 24 * 60, problems);
        boolean autoFailback = n.path("autoFailback").asBoolean(false);
        if (autoFailback) {
            // The controllers never fail back on their own (FailoverDns renders autoFailback=false): failing back
            // needs the old primary rejoined without errant transactions, which an operator confirms.
            problems.add("shopdr:failover.autoFailback", "is true, but failback is manual in shopdr",
                    "set it to false and fail back with ./shopdr failback once the old primary has rejoined");
        }
        String scheme = n.path("probeScheme").asText("http");
        problems.require(scheme.equals("http") || scheme.equals("https"), "shopdr:failover.probeScheme",
                "\"" + scheme + "\" is not a probe scheme", "use http or https");
        Optional<String> expiry = Optional.ofNullable(text(n, "tokenExpiry"));
        expiry.ifPresent(e -> {
            try {
                java.time.OffsetDateTime.parse(e);
            } catch (java.time.format.DateTimeParseException ex) {
                problems.add("shopdr:failover.tokenExpiry", "\"" + e + "\" is not an RFC 3339 time",
                        "write one like 2028-01-01T00:00:00Z");
            }
        });
        List<String> witnesses = new ArrayList<>();
        n.path("witnesses").forEach(w -> witnesses.add(w.asText()));
        return new Failover(probe, failures, successes, holdDown, autoFailback, scheme, expiry, List.copyOf(witnesses),
                witness(n.get("witness"), regions, problems));
    }

    /** {@code failover.witness: {region, type}}: a known Linode region that is none of the shop's. */
    private static Optional<WitnessArgs> witness(JsonNode node, List<String> regions, Problems problems) {
        if (node == null || node.isNull()) return Optional.empty();
        if (!problems.require(node.isObject() && node.hasNonNull("region"), "shopdr:failover.witness",
                "is not {region, type}", "e.g. pulumi config set --path shopdr:failover.witness.region us-ord")) {
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(k -> problems.require(k.equals("region") || k.equals("type"),
                "shopdr:failover.witness." + k, "is not a witness setting", "set only region and type"));
        String region = node.get("region").asText();
        if (Rules.regionId(problems, "shopdr:failover.witness.region", region)) {
            problems.require(LinodeRegions.isKnown(region), "shopdr:failover.witness.region", "\"" + region
                    + "\" is not a known Linode region id", "use one of: " + LinodeRegions.listing());
            problems.require(!regions.contains(region), "shopdr:failover.witness.region", region + " is one of the"
                    + " shop's regions " + regions, "put the witness in a third region, e.g. us-ord for us-east and gb-lon");
        }
        String type = node.hasNonNull("type") ? node.get("type").asText().trim() : WitnessArgs.DEFAULT_TYPE;
        problems.require(!type.isEmpty(), "shopdr:failover.witness.type", "is empty",
                "give a Linode plan such as " + WitnessArgs.DEFAULT_TYPE);
        return Optional.of(WitnessArgs.in(region).withInstanceType(type));
    }

    private static int positive(JsonNode node, String field, int dflt, int max, Problems problems) {
        if (!node.hasNonNull(field)) return dflt;
        JsonNode v = node.get(field);
        if (!problems.require(v.canConvertToInt() && v.asInt() >= 1 && v.asInt() <= max, "shopdr:failover." + field,
                "is " + v, "use a whole number from 1 to " + max)) {
            return dflt;
        }
        return v.asInt();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void assets(Source source, StackSettings s, Problems problems) {
        JsonNode node = json(source, "assets", problems);
        String prefix = node != null && node.hasNonNull("bucketPrefix") ? node.get("bucketPrefix").asText()
                : s.domain.replace('.', '-') + "-assets";
        s.bucketPrefix = prefix;
        s.mirrorIntervalMinutes = node != null && node.hasNonNull("mirrorIntervalMinutes")
                ? node.get("mirrorIntervalMinutes").asInt() : 15;
        boolean derivedFromMissingDomain = (node == null || !node.hasNonNull("bucketPrefix")) && s.domain.isEmpty();
        for (String region : derivedFromMissingDomain ? List.<String>of() : s.regions) {
            String label = s.bucketLabel(region);
            if (!problems.require(AssetsArgs.BUCKET_LABEL.matcher(label).matches(), "shopdr:assets.bucketPrefix",
                    "\"" + prefix + "\" gives bucket label \"" + label + "\", which breaks Linode's bucket naming rules "
                            + "(3-63 of a-z 0-9 - ., no leading, trailing or doubled - and .)",
                    "choose a shorter lowercase prefix")) {
                break;
            }
        }
        MirrorSchedule.check(problems, "shopdr:assets.mirrorIntervalMinutes", s.mirrorIntervalMinutes);
    }
}
