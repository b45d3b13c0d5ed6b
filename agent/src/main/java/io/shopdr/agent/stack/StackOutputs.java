package io.shopdr.agent.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a deployed stack's outputs ({@code pulumi stack output --json --show-secrets}) the post-deploy hook
 * needs: regions (primary first), and the {@code database} bag (engine, credentials, CA, per-region endpoints).
 * Parsing is CLI-free; every missing or malformed field is reported by its path with the fix.
 */
public record StackOutputs(String primaryRegion, List<String> regions, Database database) {

    /** The ReplicatedDatabase output bag. {@link #toString()} hides the passwords. */
    public record Database(String engine, String databaseName, Credentials admin, Credentials replication,
                           Optional<String> caCertificatePem, Map<String, RegionEndpoint> endpoints) {
        @Override
        public String toString() {
            return "Database[engine=" + engine + ", databaseName=" + databaseName + ", admin=" + admin + ", replication="
                    + replication + ", ca=" + caCertificatePem.isPresent() + ", endpoints=" + endpoints + "]";
        }
    }

    /** One region's database server address. */
    public record RegionEndpoint(String publicIp, String privateIp, int port, Long firewallId) {
        /** The address the hook and the other regions' replicas use (public IP). */
        public Endpoint endpoint() {
            return new Endpoint(publicIp, port);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses an outputs document. */
    public static StackOutputs parse(String json) {
        if (json == null || json.isBlank()) {
            throw new StackOutputsException("the stack outputs are empty: has the stack been deployed (pulumi up)?"
                    + " Pass the output of `pulumi stack output --stack <stack> --json --show-secrets`");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token, which may be an unquoted secret: report only where.
            throw new StackOutputsException("the stack outputs are not valid JSON (at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): pass the output of"
                    + " `pulumi stack output --stack <stack> --json --show-secrets`");
        }
        if (root == null || !root.isObject()) {
            throw new StackOutputsException("the stack outputs are not a JSON object: pass the output of"
                    + " `pulumi stack output --stack <stack> --json --show-secrets`");
        }
        return fromJson(root);
    }

    /** Reads an outputs document from a file. */
    public static StackOutputs read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new StackOutputsException("outputs file " + file + " does not exist: write it with"
                    + " `pulumi stack output --stack <stack> --json --show-secrets > " + file + "`");
        } catch (IOException e) {
            throw new StackOutputsException("cannot read outputs file " + file + ": " + e.getMessage());
        }
    }

    /** Reads an outputs document from a stream (e.g. stdin piped from pulumi). */
    public static StackOutputs read(InputStream in) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackOutputsException("cannot read the stack outputs from stdin: " + e.getMessage());
        }
    }

    private static StackOutputs fromJson(JsonNode root) {
        JsonNode db = root.get("database");
        if (db == null || db.isNull()) {
            throw new StackOutputsException("the stack outputs have no 'database' output: the stack has not been deployed"
                    + " with a ReplicatedDatabase (run pulumi up first), or this is not a shopdr stack");
        }
        if (!db.isObject()) {
            throw new StackOutputsException("output 'database' is not an object"
                    + (db.isTextual() && db.asText().contains("secret") ? " but a hidden secret: run pulumi stack output with --show-secrets" : ""));
        }
        String primary = text(db, "database.primaryRegion", "primaryRegion", false);
        if (primary == null) primary = text(root, "primaryRegion", "primaryRegion", true);
        List<String> regions = new ArrayList<>();
        JsonNode rs = root.get("regions");
        if (rs != null && rs.isArray()) {
            rs.forEach(r -> regions.add(r.asText()));
        }
        JsonNode eps = db.get("endpoints");
        if (eps == null || !eps.isObject() || eps.isEmpty()) {
            throw new StackOutputsException("output 'database.endpoints' is missing or empty: the database servers were not"
                    + " created (run pulumi up) or the program does not export them");
        }
        if (regions.isEmpty()) eps.fieldNames().forEachRemaining(regions::add);
        if (!regions.contains(primary)) {
            throw new StackOutputsException("primary region '" + primary + "' is not among the regions " + regions
                    + ": check the stack's region list");
        }
        if (regions.size() < 2) {
            throw new StackOutputsException("the stack has only region " + regions + ": replication needs at least two regions");
        }
        Map<String, RegionEndpoint> endpoints = new LinkedHashMap<>();
        for (String region : regions) {
            JsonNode e = eps.get(region);
            if (e == null || !e.isObject()) {
                throw new StackOutputsException("region '" + region + "' has no database endpoint (database.endpoints."
                        + region + " is missing): its database server was not created; run pulumi up and retry");
            }
            String path = "database.endpoints." + region;
            String ip = text(e, path + ".publicIp", "publicIp", true);
            JsonNode port = e.get("port");
            if (port == null || !port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
                throw new StackOutputsException(path + ".port is missing or not a port number (got " + port + ")");
            }
            JsonNode fw = e.get("firewallId");
            endpoints.put(region, new RegionEndpoint(ip, text(e, path + ".privateIp", "privateIp", false), port.asInt(),
                    fw == null || !fw.canConvertToLong() ? null : fw.asLong()));
        }
        Credentials admin = new Credentials(text(db, "database.adminUser", "adminUser", true),
                secret(db, "database.adminPassword", "adminPassword"));
        Credentials repl = new Credentials(text(db, "database.replicationUser", "replicationUser", true),
                secret(db, "database.replicationPassword", "replicationPassword"));
        String ca = text(db, "database.caCertificate", "caCertificate", false);
        if (ca != null && !ca.contains("-----BEGIN CERTIFICATE-----")) {
            throw new StackOutputsException("database.caCertificate is not a PEM certificate"
                    + (isHiddenSecret(ca) ? " but a hidden secret: run pulumi stack output with --show-secrets" : ""));
        }
        List<String> ordered = new ArrayList<>();
        ordered.add(primary);
        for (String r : regions) if (!r.equals(primary)) ordered.add(r);
        return new StackOutputs(primary, List.copyOf(ordered), new Database(
                text(db, "database.engine", "engine", false), text(db, "database.databaseName", "databaseName", false),
                admin, repl, Optional.ofNullable(ca), endpoints));
    }

    private static String text(JsonNode node, String path, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) throw new StackOutputsException("output '" + path + "' is missing: redeploy the stack (pulumi up) so it is exported");
            return null;
        }
        if (!v.isValueNode()) throw new StackOutputsException("output '" + path + "' is not a plain value");
        return v.asText();
    }

    private static String secret(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new StackOutputsException("secret '" + path + "' is absent from the stack outputs: set it in the stack"
                    + " config (pulumi config set --secret …), run pulumi up, and read outputs with --show-secrets");
        }
        if (isHiddenSecret(v.asText())) {
            throw new StackOutputsException("secret '" + path + "' is hidden ([secret]): read the outputs with"
                    + " `pulumi stack output --json --show-secrets`");
        }
        return v.asText();
    }

    private static boolean isHiddenSecret(String s) {
        return "[secret]".equals(s) || s.startsWith("{\"4dabf18193072939515e22adb298388d\"");
    }

    /** The region whose database server has {@code endpoint}, or null. */
    public String regionOf(Endpoint endpoint) {
        for (var e : database.endpoints().entrySet()) if (e.getValue().endpoint().equals(endpoint)) return e.getKey();
        return null;
    }

    /** The primary's endpoint followed by the other regions' endpoints, in region order. */
    public Endpoint primaryEndpoint() {
        return database.endpoints().get(primaryRegion).endpoint();
    }

    public List<Endpoint> replicaEndpoints() {
        return regions.stream().filter(r -> !r.equals(primaryRegion)).map(r -> database.endpoints().get(r).endpoint()).toList();
    }
}
