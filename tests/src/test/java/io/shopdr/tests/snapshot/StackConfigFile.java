package io.shopdr.tests.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Pulumi.&lt;stack&gt;.yaml the way the engine hands config to a program: each {@code config:} key maps to
 * its scalar text, or to JSON text for lists and objects; encrypted ({@code secure:}) values become a placeholder.
 */
final class StackConfigFile {
    /** Value given to {@code secure:} keys (and required secrets that are not in the file). */
    static final String SECRET_PLACEHOLDER = "snapshot-placeholder-secret";

    private StackConfigFile() {}

    static Map<String, String> read(Path file) throws IOException {
        JsonNode root = new YAMLMapper().readTree(file.toFile());
        JsonNode config = root.path("config");
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new LinkedHashMap<>();
        var fields = config.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("secure")) {
                // Encrypted with the stack's key, which tests do not have: stand in a fixed value, still secret.
                out.put(e.getKey(), SECRET_PLACEHOLDER);
                continue;
            }
            out.put(e.getKey(), v.isContainerNode() ? json.writeValueAsString(v) : v.asText());
        }
        return out;
    }
}
