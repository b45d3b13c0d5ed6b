package com.pulumi.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine installs the Linode provider from this file, so its shape is part of the contract. */
class PluginJsonTest {
    @Test
    void pluginJsonNamesLinodeProvider600() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("com/pulumi/linode/plugin.json")) {
            assertNotNull(in, "com/pulumi/linode/plugin.json must be on the classpath");
            JsonNode json = new ObjectMapper().readTree(in);
            assertTrue(json.path("resource").asBoolean(false));
            assertEquals("linode", json.path("name").asText());
            assertEquals("6.0.0", json.path("version").asText());
        }
    }
}
