package io.shopdr.drill.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopdr.drill.DrillException;
import io.shopdr.linode.firewall.FirewallRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a cloud drill changed and how to put it back, written to disk before the change is made, so a crashed or
 * interrupted drill can be undone by {@code shopdr drill --undo}: the database firewall and its rules before the
 * outage, the rules of the firewalls that already protected the primary's nodes (Linode allows one firewall per
 * Linode, so those are turned deny-all instead), and the nodes the drill attached its own firewall to.
 */
public record UndoPlan(@JsonProperty("stack") String stack,
                       @JsonProperty("apiUrl") String apiUrl,
                       @JsonProperty("firewallId") long firewallId,
                       @JsonProperty("originalRules") FirewallRules originalRules,
                       @JsonProperty("createdAt") String createdAt,
                       @JsonProperty("nodeFirewalls") List<RulesChange> nodeFirewalls,
                       @JsonProperty("attachments") List<Attachment> attachments) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A node's own firewall whose rules the drill replaces with deny-all; {@code originalRules} go back on undo. */
    public record RulesChange(@JsonProperty("firewallId") long firewallId,
                              @JsonProperty("originalRules") FirewallRules originalRules) {}

    /** A node without a firewall that the drill attaches {@code firewallId} to; undo detaches it. */
    public record Attachment(@JsonProperty("firewallId") long firewallId, @JsonProperty("linodeId") long linodeId) {}

    public UndoPlan {
        nodeFirewalls = nodeFirewalls == null ? List.of() : List.copyOf(nodeFirewalls);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A plan that touches only the database firewall (plans written before nodes were cut off read like this). */
    public UndoPlan(String stack, String apiUrl, long firewallId, FirewallRules originalRules, String createdAt) {
        this(stack, apiUrl, firewallId, originalRules, createdAt, List.of(), List.of());
    }

    /** Writes the plan atomically (temp file + rename), readable only by the owner. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "shopdr-undo-", ".json");
            Files.writeString(tmp, JSON.writeValueAsString(this));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DrillException("cannot write the undo plan " + file + " (" + e.getMessage()
                    + "); nothing was changed — pass --undo-file with a writable path");
        }
    }

    public static UndoPlan read(Path file) {
        if (!Files.exists(file)) throw new DrillException("no undo plan at " + file + "; nothing to undo");
        try {
            return JSON.readValue(file.toFile(), UndoPlan.class);
        } catch (IOException e) {
            throw new DrillException("undo plan " + file + " is unreadable (" + e.getMessage() + ")");
        }
    }
}
