package io.shopdr.drill.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.drill.DrillException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a cloud drill needs to know about a deployed stack: the shop's domain, the regions with the primary first,
 * each region's ingress IP, the primary database's Cloud Firewall id and the Linode ids of the primary region's
 * Kubernetes nodes — all read from the stack outputs ({@code domain}, {@code primaryRegion}, {@code regions},
 * {@code ingressIps}, {@code database.endpoints.<region>.firewallId}, {@code nodeIds}; secrets in them are never kept
 * or printed).
 */
public record CloudTarget(String stack, String domain, String primaryRegion, List<String> regions,
                          Map<String, String> ingressIps, long primaryDbFirewallId, List<Long> primaryNodeIds) {

    public CloudTarget {
        primaryNodeIds = primaryNodeIds == null ? List.of() : List.copyOf(primaryNodeIds);
    }

    /** A target without node ids: the outage then cuts only the database. */
    public CloudTarget(String stack, String domain, String primaryRegion, List<String> regions,
                       Map<String, String> ingressIps, long primaryDbFirewallId) {
        this(stack, domain, primaryRegion, regions, ingressIps, primaryDbFirewallId, List.of());
    }

    /**
     * Reads the stack's outputs (the file, or the pulumi CLI in {@code projectDir} when null); the stack must be one of
     * the project's ({@code Pulumi.<stack>.yaml} beside it), whose settings are not read.
     */
    public static CloudTarget load(String stack, Path projectDir, Path outputsFile) {
        if (stack == null || !stack.matches("[A-Za-z0-9_.-]+")) {
            throw new DrillException("--stack '" + stack + "' is not a stack name (letters, digits, - _ .)");
        }
        Path config = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(config)) {
            throw new DrillException("unknown stack '" + stack + "': no " + config.getFileName() + " in " + projectDir.toAbsolutePath()
                    + "; run from the project directory and pick one of its stacks (e.g. staging, prod)");
        }
        String json = outputsFile != null ? readFile(outputsFile) : pulumiOutputs(stack, projectDir);
        return fromOutputs(stack, json);
    }

    /** Parses the stack outputs JSON; a missing field is a clear error naming it. */
    public static CloudTarget fromOutputs(String stack, String outputsJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(outputsJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DrillException("stack outputs of '" + stack + "' are not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new DrillException("stack outputs of '" + stack + "' are not a JSON object");
        String domain = text(root, "domain", stack);
        String primary = text(root, "primaryRegion", stack);
        List<String> regions = new ArrayList<>();
        root.path("regions").forEach(r -> regions.add(r.asText()));
        if (regions.size() < 2) throw new DrillException("stack outputs field 'regions' needs at least 2 regions; has " + regions);
        if (!regions.get(0).equals(primary)) {
            regions.remove(primary);
            regions.add(0, primary);
        }
        Map<String, String> ingress = new LinkedHashMap<>();
        for (String r : regions) {
            JsonNode ip = root.path("ingressIps").path(r);
            if (!ip.isTextual()) throw new DrillException("stack outputs field 'ingressIps." + r + "' is missing; deploy the stack first (pulumi up --stack " + stack + ")");
            ingress.put(r, ip.asText());
        }
        JsonNode fw = root.path("database").path("endpoints").path(primary).path("firewallId");
        if (!fw.canConvertToLong() || fw.asLong() <= 0) {
            throw new DrillException("stack outputs field 'database.endpoints." + primary + ".firewallId' is missing; "
                    + "the cloud drill cuts the primary database off with that Cloud Firewall");
        }
        JsonNode nodes = root.path("nodeIds").path(primary);
        if (!nodes.isArray() || nodes.isEmpty()) {
            throw new DrillException("stack outputs field 'nodeIds." + primary + "' is missing or empty; the cloud drill "
                    + "cuts the primary region's nodes off with its firewall — update the stack (pulumi up --stack "
                    + stack + ") so it exports nodeIds");
        }
        List<Long> nodeIds = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (!n.canConvertToLong() || n.asLong() <= 0) {
                throw new DrillException("stack outputs field 'nodeIds." + primary + "' holds '" + n.asText()
                        + "', not a Linode instance id");
            }
            nodeIds.add(n.asLong());
        }
        return new CloudTarget(stack, domain, primary, List.copyOf(regions), Map.copyOf(ingress), fw.asLong(), nodeIds);
    }

    private static String text(JsonNode root, String field, String stack) {
        JsonNode n = root.path(field);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new DrillException("stack outputs field '" + field + "' is missing; deploy the stack first (pulumi up --stack " + stack + ")");
        }
        return n.asText();
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new DrillException("--outputs " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static String pulumiOutputs(String stack, Path projectDir) {
        try {
            Process p = new ProcessBuilder("pulumi", "stack", "output", "--stack", stack, "--json", "--show-secrets")
                    .directory(projectDir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new DrillException("unknown stack '" + stack + "': `pulumi stack output --stack " + stack
                        + "` failed; check `pulumi stack ls` and that you are logged in, or pass --outputs FILE");
            }
            return out;
        } catch (IOException e) {
            throw new DrillException("the pulumi CLI is not on PATH; install it or pass --outputs FILE with the stack's outputs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrillException("interrupted while reading the stack outputs");
        }
    }
}
