package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shopdr.drill.DrillException;
import io.shopdr.program.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack config (Pulumi.&lt;stack&gt;.yaml) as the engine hands it to the program: each {@code config:} key maps to
 * its scalar text, or JSON text for lists and objects. The twin has no stack key, so every encrypted
 * ({@code secure:}) value and every required secret gets a throwaway random value, marked secret; they live only in
 * this process.
 *
 * @param stackName  the stack the file is for ({@code prod} for {@code Pulumi.prod.yaml})
 * @param values     {@code shopdr:key} → value
 * @param secretKeys the keys the program must see as secrets
 */
public record StackConfig(String stackName, Map<String, String> values, Set<String> secretKeys) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    public StackConfig {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    /**
     * Reads {@code file}; with {@code regions} present, the stack's region list is replaced (first = primary), as
     * {@code --regions} asks.
     */
    public static StackConfig read(Path file, Optional<List<String>> regions) {
        if (!Files.isRegularFile(file)) {
            throw new DrillException("--stack-config " + file + " does not exist: give a Pulumi.<stack>.yaml file");
        }
        String name = file.getFileName().toString();
        String stack = name.matches("Pulumi\\..+\\.ya?ml") ? name.replaceAll("^Pulumi\\.|\\.ya?ml$", "") : "twin";
        JsonNode config;
        try {
            config = new YAMLMapper().readTree(file.toFile()).path("config");
        } catch (IOException e) {
            throw new DrillException("--stack-config " + file + " is not YAML (" + e.getMessage() + "): give a Pulumi.<stack>.yaml file");
        }
        if (!config.isObject()) throw new DrillException("--stack-config " + file + " has no config: section");
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        var fields = config.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("secure")) {
                values.put(e.getKey(), throwawaySecret());
                secrets.add(e.getKey());
                continue;
            }
            try {
                values.put(e.getKey(), v.isContainerNode() ? JSON.writeValueAsString(v) : v.asText());
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        for (String key : StackSettings.REQUIRED_SECRETS) {
            values.putIfAbsent("shopdr:" + key, throwawaySecret());
            secrets.add("shopdr:" + key);
        }
        regions.ifPresent(list -> {
            if (list.size() < 2) throw new DrillException("--regions " + list + ": give at least two regions, primary first");
            try {
                values.put("shopdr:regions", JSON.writeValueAsString(list));
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
        return new StackConfig(stack, values, secrets);
    }

    /** 24 random bytes as hex: a password nobody else knows, for one twin run. */
    static String throwawaySecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "StackConfig[" + stackName + ", keys " + values.keySet() + ", secrets hidden]";
    }
}
