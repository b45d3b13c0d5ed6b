package io.shopdr.agent.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link ControllerConfig} from a JSON or YAML file (by extension: .yaml/.yml, else JSON). Keys are the
 * builder's names ({@code domain, regions, witnesses, probeInterval, failureThreshold, holdDown, …}); durations
 * are written like {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT1H}). Unknown keys are
 * errors (a typo must not silently fall back to a default). Secrets never go in this file: they come from the
 * environment ({@code LINODE_TOKEN}, {@code SHOPDR_DB_ADMIN_PASSWORD}, {@code SHOPDR_DB_REPLICATION_PASSWORD}).
 */
public final class ControllerConfigFile {
    private static final Set<String> TOP_LEVEL = Set.of("domain", "hostHeader", "recordNames", "recordTtl", "probeScheme",
            "probePath", "regions", "witnesses", "probeInterval", "connectTimeout", "readTimeout", "failureThreshold",
            "successThreshold", "voteStaleAfter", "voteRefresh", "holdDown", "autoFailback", "sqlFenceTimeout",
            "adminUser", "replicationUser", "caFile", "serverCaPath", "incidentDir", "metricsPort", "maxClockSkew",
            "selfFenceAfter", "lossBudgetTransactions", "lossBudgetLag");
    private static final Set<String> REGION_KEYS = Set.of("name", "ingressIp", "ingressIpv6", "probeUrl", "database", "publicDatabase", "firewallId");
    private static final Set<String> SECRET_LOOKING = Set.of("token", "password", "adminPassword", "replicationPassword", "linodeToken");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private ControllerConfigFile() {}

    /** Reads and validates the file; every problem is an IllegalArgumentException naming the file and the field. */
    public static ControllerConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        try {
            return parse(text, yaml);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getMessage());
        }
    }

    /** Parses JSON ({@code yaml=false}) or YAML text. */
    public static ControllerConfig parse(String text, boolean yaml) {
        JsonNode root;
        try {
            root = (yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper()).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("the top level must be an object with domain and regions");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (SECRET_LOOKING.contains(k)) {
                throw new IllegalArgumentException("field '" + k + "' looks like a secret; secrets are not read from the config"
                        + " file: set LINODE_TOKEN, SHOPDR_DB_ADMIN_PASSWORD and SHOPDR_DB_REPLICATION_PASSWORD in the environment");
            }
            if (!TOP_LEVEL.contains(k)) throw new IllegalArgumentException("unknown field '" + k + "'; known fields: " + new java.util.TreeSet<>(TOP_LEVEL));
        }
        ControllerConfig.Builder b = ControllerConfig.builder();
        b.domain(text(root, "domain", true));
        ifText(root, "hostHeader", b::hostHeader);
        if (root.has("recordNames")) b.recordNames(strings(root.get("recordNames"), "recordNames"));
        if (root.has("recordTtl")) b.recordTtl(integer(root, "recordTtl"));
        ifText(root, "probeScheme", b::probeScheme);
        ifText(root, "probePath", b::probePath);
        JsonNode regions = root.get("regions");
        if (regions == null || !regions.isArray()) throw new IllegalArgumentException("field 'regions' is required: a list of {name, ingressIp, database, firewallId, …}, first = primary");
        List<RegionConfig> list = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            JsonNode r = regions.get(i);
            String at = "regions[" + i + "]";
            if (!r.isObject()) throw new IllegalArgumentException("field " + at + " must be an object");
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!REGION_KEYS.contains(k)) throw new IllegalArgumentException("unknown field " + at + "." + k + "; known: " + new java.util.TreeSet<>(REGION_KEYS));
            }
            String regionName = text(r, "name", true, at);
            long firewallId = 0;
            if (r.has("firewallId")) {
                if (!r.get("firewallId").canConvertToLong()) throw new IllegalArgumentException("field " + at + ".firewallId must be a number (the Linode Cloud Firewall id)");
                firewallId = r.get("firewallId").asLong();
            }
            list.add(new RegionConfig(regionName, text(r, "ingressIp", true, at), text(r, "ingressIpv6", false, at),
                    text(r, "probeUrl", false, at), text(r, "database", false, at), firewallId,
                    text(r, "publicDatabase", false, at)));
        }
        b.regions(list);
        if (root.has("witnesses")) b.witnesses(strings(root.get("witnesses"), "witnesses"));
        duration(root, "probeInterval", b::probeInterval);
        duration(root, "connectTimeout", b::connectTimeout);
        duration(root, "readTimeout", b::readTimeout);
        if (root.has("failureThreshold")) b.failureThreshold(integer(root, "failureThreshold"));
        if (root.has("successThreshold")) b.successThreshold(integer(root, "successThreshold"));
        duration(root, "voteStaleAfter", b::voteStaleAfter);
        duration(root, "voteRefresh", b::voteRefresh);
        duration(root, "holdDown", b::holdDown);
        duration(root, "sqlFenceTimeout", b::sqlFenceTimeout);
        duration(root, "maxClockSkew", b::maxClockSkew);
        duration(root, "selfFenceAfter", b::selfFenceAfter);
        duration(root, "lossBudgetLag", b::lossBudgetLag);
        if (root.has("lossBudgetTransactions")) b.lossBudgetTransactions(integer(root, "lossBudgetTransactions"));
        if (root.has("autoFailback")) {
            if (!root.get("autoFailback").isBoolean()) throw new IllegalArgumentException("field 'autoFailback' must be true or false");
            b.autoFailback(root.get("autoFailback").asBoolean());
        }
        ifText(root, "adminUser", b::adminUser);
        ifText(root, "replicationUser", b::replicationUser);
        ifText(root, "caFile", v -> b.caFile(Path.of(v)));
        ifText(root, "serverCaPath", b::serverCaPath);
        ifText(root, "incidentDir", v -> b.incidentDir(Path.of(v)));
        if (root.has("metricsPort")) b.metricsPort(integer(root, "metricsPort"));
        return b.build();
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT1H}). */
    public static Duration parseDuration(String field, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' = '" + text + "' is not a duration; write e.g. 500ms, 2s, 5m, 1h");
        }
    }

    private static void duration(JsonNode root, String field, java.util.function.Consumer<Duration> set) {
        if (!root.has(field)) return;
        JsonNode n = root.get(field);
        if (!n.isTextual()) throw new IllegalArgumentException("field '" + field + "' must be a duration string like \"2s\"");
        set.accept(parseDuration(field, n.asText()));
    }

    private static int integer(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) throw new IllegalArgumentException("field '" + field + "' must be a whole number, got " + n);
        return n.asInt();
    }

    private static List<String> strings(JsonNode n, String field) {
        if (!n.isArray()) throw new IllegalArgumentException("field '" + field + "' must be a list of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw new IllegalArgumentException("field '" + field + "' must contain only strings, got " + e);
            out.add(e.asText());
        }
        return out;
    }

    private static void ifText(JsonNode root, String field, java.util.function.Consumer<String> set) {
        String v = text(root, field, false);
        if (v != null) set.accept(v);
    }

    private static String text(JsonNode root, String field, boolean required) {
        return text(root, field, required, null);
    }

    private static String text(JsonNode node, String field, boolean required, String at) {
        String where = at == null ? field : at + "." + field;
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            if (required) throw new IllegalArgumentException("field '" + where + "' is required");
            return null;
        }
        if (!n.isTextual()) throw new IllegalArgumentException("field '" + where + "' must be a string, got " + n);
        return n.asText();
    }
}
