package io.shopdr.components.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.components.database.DatabaseEndpoint;
import io.shopdr.components.database.ReplicatedDatabaseOutputs;
import io.shopdr.sim.pulumi.CloudMocks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControllerConfigDocumentTest {
    /** Args as the program builds them (providers exist only inside a Pulumi deployment, here the mock engine). */
    private static FailoverDnsArgs args() {
        AtomicReference<FailoverDnsArgs> args = new AtomicReference<>();
        var result = PulumiTestInternal.builder().mocks(new CloudMocks()).build().runTest(ctx -> args.set(
                FailoverDnsArgs.builder().domain("shop.example.com").regions("us-east", "eu-west")
                        .ingressIps(Map.of("us-east", Output.of("198.51.100.1"), "eu-west", Output.of("198.51.100.2")))
                        .clusterProviders(Map.of("us-east", provider("us-east"), "eu-west", provider("eu-west")))
                        .database(Output.ofNullable((ReplicatedDatabaseOutputs) null))
                        .tokenExpiry("2099-01-01T00:00:00Z")
                        .probeIntervalSeconds(1).holdDownSeconds(600)
                        .build()));
        PulumiTest.cleanup();
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        return args.get();
    }

    private static Provider provider(String region) {
        return new Provider("k8s-" + region, ProviderArgs.builder().kubeconfig("kubeconfig-" + region).build());
    }

    private static ReplicatedDatabaseOutputs database(Map<String, DatabaseEndpoint> endpoints) {
        return new ReplicatedDatabaseOutputs("mariadb-10.11", "us-east", "shop", "shopdr_admin", "admin-secret",
                "shopdr_repl", "repl-secret", "shop", "app-secret", "-----BEGIN CERTIFICATE-----\n", endpoints);
    }

    @Test
    void rendersRegionsInOrderWithOwnDatabasePrivateAndNoSecrets() throws Exception {
        var endpoints = new LinkedHashMap<String, DatabaseEndpoint>();
        endpoints.put("us-east", new DatabaseEndpoint("203.0.113.10", "192.168.128.10", 3306, 1234));
        endpoints.put("eu-west", new DatabaseEndpoint("203.0.113.20", "192.168.128.20", 3306, 1235));
        String json = ControllerConfigDocument.render(args(), "eu-west",
                Map.of("us-east", "198.51.100.1", "eu-west", "198.51.100.2"), Map.of("us-east", "2001:db8::1"),
                database(endpoints));
        JsonNode doc = new ObjectMapper().readTree(json);
        assertEquals("us-east", doc.get("regions").get(0).get("name").asText(), "first = primary");
        assertEquals("203.0.113.10:3306", doc.get("regions").get(0).get("database").asText());
        assertEquals("2001:db8::1", doc.get("regions").get(0).get("ingressIpv6").asText());
        assertEquals(1234, doc.get("regions").get(0).get("firewallId").asInt());
        assertEquals("192.168.128.20:3306", doc.get("regions").get(1).get("database").asText());
        // what other regions (and replicas re-pointed at this region's database) use: never the private IP
        assertEquals("203.0.113.20:3306", doc.get("regions").get(1).get("publicDatabase").asText());
        assertEquals("203.0.113.10:3306", doc.get("regions").get(0).get("publicDatabase").asText());
        assertTrue(doc.get("regions").get(1).get("ingressIpv6").isNull());
        assertEquals("PT1S", doc.get("probeInterval").asText());
        assertEquals("PT10M", doc.get("holdDown").asText());
        assertFalse(doc.get("autoFailback").asBoolean());
        assertEquals(List.of("", "www"), List.of(doc.get("recordNames").get(0).asText(), doc.get("recordNames").get(1).asText()));
        assertEquals("/etc/shopdr/ca.pem", doc.get("caFile").asText());
        assertEquals("/etc/mysql/shopdr-tls/ca.pem", doc.get("serverCaPath").asText(), "the CA path on the database servers");
        for (String secret : List.of("admin-secret", "repl-secret", "app-secret")) {
            assertFalse(json.contains(secret), "config document holds a password");
        }
    }

    /**
     * The agent's reader ({@code io.shopdr.agent.failover.ControllerConfigFile}, refusing unknown keys) accepts the
     * document. Looked up reflectively so this module builds before the reader lands; until then it is a
     * visible skip.
     */
    @Test
    void theAgentsConfigReaderAcceptsTheDocument() throws Exception {
        Class<?> reader;
        try {
            reader = Class.forName("io.shopdr.agent.failover.ControllerConfigFile");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("io.shopdr.agent.failover.ControllerConfigFile is not in the agent yet");
            return;
        }
        var endpoints = new LinkedHashMap<String, DatabaseEndpoint>();
        endpoints.put("us-east", new DatabaseEndpoint("203.0.113.10", "192.168.128.10", 3306, 1234));
        endpoints.put("eu-west", new DatabaseEndpoint("203.0.113.20", "192.168.128.20", 3306, 1235));
        String json = ControllerConfigDocument.render(args(), "us-east",
                Map.of("us-east", "198.51.100.1", "eu-west", "198.51.100.2"), Map.of(), database(endpoints));
        Object config;
        try {
            config = reader.getMethod("parse", String.class, boolean.class).invoke(null, json, false);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError("the agent refuses the rendered config: " + e.getCause().getMessage(), e.getCause());
        }
        assertEquals("shop.example.com", config.getClass().getMethod("domain").invoke(config));
        assertEquals(List.of("us-east", "eu-west"), config.getClass().getMethod("regionNames").invoke(config));
        assertEquals(30, config.getClass().getMethod("recordTtl").invoke(config));
        assertEquals(java.time.Duration.ofSeconds(1), config.getClass().getMethod("probeInterval").invoke(config));
    }

    @Test
    void aRegionWithoutDatabaseEndpointIsAClearError() {
        var endpoints = Map.of("us-east", new DatabaseEndpoint("203.0.113.10", "192.168.128.10", 3306, 1234));
        var e = assertThrows(IllegalArgumentException.class, () -> ControllerConfigDocument.render(args(), "us-east",
                Map.of("us-east", "198.51.100.1", "eu-west", "198.51.100.2"), Map.of(), database(endpoints)));
        assertEquals("database: the ReplicatedDatabase has no endpoint for region eu-west; give both components "
                + "the same regions", e.getMessage());
    }
}
