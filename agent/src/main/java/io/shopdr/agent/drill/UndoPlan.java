package io.shopdr.agent.drill;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopdr.agent.dns.FirewallRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a cloud drill changed and how to put it back, written to disk before the change is made, so a crashed or
 * interrupted drill can be undone by {@code shopdr drill --undo}: the firewall and its rules before the outage.
 */
public record UndoPlan(@JsonProperty("stack") String stack,
                       @JsonProperty("apiUrl") String apiUrl,
                       @JsonProperty("firewallId") long firewallId,
                       @JsonProperty("originalRules") FirewallRules originalRules,
                       @JsonProperty("createdAt") String createdAt) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
