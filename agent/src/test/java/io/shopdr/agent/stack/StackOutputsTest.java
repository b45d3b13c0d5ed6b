package io.shopdr.agent.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.agent.replication.Endpoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reading a saved {@code pulumi stack output --json --show-secrets} document (the hook's CLI-free path). */
class StackOutputsTest {
    static String saved() throws Exception {
        try (var in = StackOutputsTest.class.getResourceAsStream("outputs-prod.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheSavedDocument() throws Exception {
        StackOutputs o = StackOutputs.parse(saved());
        assertEquals("us-east", o.primaryRegion());
        assertEquals(List.of("us-east", "eu-west", "ap-south"), o.regions());
        assertEquals(new Endpoint("203.0.113.10", 3306), o.primaryEndpoint());
        assertEquals(List.of(new Endpoint("203.0.113.20", 3306), new Endpoint("203.0.113.30", 3306)), o.replicaEndpoints());
        assertEquals("shopdr_admin", o.database().admin().user());
        assertEquals("admin-Secret-1", o.database().admin().password());
        assertEquals("shopdr_repl", o.database().replication().user());
        assertEquals("repl-Secret-2", o.database().replication().password());
        assertTrue(o.database().caCertificatePem().orElseThrow().startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals("mariadb-10.11", o.database().engine());
        assertEquals(1235L, o.database().endpoints().get("eu-west").firewallId());
        assertEquals("eu-west", o.regionOf(new Endpoint("203.0.113.20", 3306)));
        assertFalse(o.toString().contains("Secret"), "secrets never in toString");

        Path file = Files.writeString(Files.createTempFile("outputs", ".json"), saved());
        assertEquals(o, StackOutputs.read(file));
        assertEquals(o, StackOutputs.read(new ByteArrayInputStream(saved().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void primaryRegionComesFirstWhateverTheRegionOrder() throws Exception {
        StackOutputs o = StackOutputs.parse(edit(d -> {
            d.put("primaryRegion", "eu-west");
            ((ObjectNode) d.get("database")).put("primaryRegion", "eu-west");
        }));
        assertEquals(List.of("eu-west", "us-east", "ap-south"), o.regions());
        assertEquals(new Endpoint("203.0.113.20", 3306), o.primaryEndpoint());
    }

    @Test
    void badDocumentsNameTheFieldAndTheFix() throws Exception {
        assertMessage("", "empty", "pulumi up");
        assertMessage("{not json", "not valid JSON", "--show-secrets");
        StackOutputsException unquoted = assertThrows(StackOutputsException.class,
                () -> StackOutputs.parse("{\"database\": {\"adminPassword\": hunter2pass}}"));
        assertTrue(unquoted.getMessage().contains("line 1"), unquoted.getMessage());
        assertFalse(unquoted.getMessage().contains("hunter2pass"), "a malformed document's token is not echoed");
        assertMessage("{}", "no 'database' output", "pulumi up");
        assertMessage(edit(d -> ((ObjectNode) d.get("database").get("endpoints")).remove("ap-south")),
                "region 'ap-south' has no database endpoint", "database.endpoints.ap-south");
        assertMessage(edit(d -> ((ObjectNode) d.get("database")).put("adminPassword", "[secret]")),
                "database.adminPassword", "--show-secrets");
        assertMessage(edit(d -> ((ObjectNode) d.get("database")).remove("replicationPassword")),
                "secret 'database.replicationPassword' is absent", "--secret");
        assertMessage(edit(d -> ((ObjectNode) d.get("database").get("endpoints").get("eu-west")).put("port", "many")),
                "database.endpoints.eu-west.port", "port number");
        assertMessage(edit(d -> ((ObjectNode) d.get("database").get("endpoints").get("eu-west")).remove("publicIp")),
                "database.endpoints.eu-west.publicIp", "missing");
        assertMessage(edit(d -> ((ObjectNode) d.get("database")).put("caCertificate", "garbage")),
                "database.caCertificate is not a PEM certificate", "");
        assertMessage(edit(d -> d.put("database", "[secret]")), "hidden secret", "--show-secrets");
        StackOutputsException e = assertThrows(StackOutputsException.class, () -> StackOutputs.read(Path.of("/nonexistent/outputs.json")));
        assertTrue(e.getMessage().contains("/nonexistent/outputs.json") && e.getMessage().contains("pulumi stack output"), e.getMessage());
    }

    private static void assertMessage(String doc, String... parts) {
        StackOutputsException e = assertThrows(StackOutputsException.class, () -> StackOutputs.parse(doc));
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        assertFalse(e.getMessage().contains("Secret-"), "no secret in the message");
    }

    private static String edit(Consumer<ObjectNode> change) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode d = (ObjectNode) m.readTree(saved());
        change.accept(d);
        return m.writeValueAsString(d);
    }
}
