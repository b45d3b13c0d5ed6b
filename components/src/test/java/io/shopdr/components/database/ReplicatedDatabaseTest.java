package io.shopdr.components.database;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.linode.InstanceArgs;
import com.pulumi.linode.inputs.InstanceMetadataArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.sim.pulumi.CloudMocks;
import java.nio.charset.StandardCharsets;
import io.shopdr.agent.failover.FirewallFence;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.shopdr.sim.pulumi.CloudMocks.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ReplicatedDatabase under the Pulumi mock engine: what it declares, its outputs, its validation. */
class ReplicatedDatabaseTest {
    static final String INSTANCE = "linode:index/instance:Instance";
    static final String FIREWALL = "linode:index/firewall:Firewall";

    private final CloudMocks mocks = new CloudMocks();
    private final List<ResourceTransformation.Args> children = new CopyOnWriteArrayList<>();
    private ReplicatedDatabase db;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private TestResult run(Consumer<Context> program) {
        return PulumiTestInternal.builder().mocks(mocks).build().runTest(program);
    }

    private ComponentResourceOptions recordingChildren() {
        return ComponentResourceOptions.builder().resourceTransformations(a -> {
            children.add(a);
            return Optional.empty();
        }).build();
    }

    private TestResult deploy(ReplicatedDatabaseArgs args) {
        return run(ctx -> {
            db = new ReplicatedDatabase("db", args, recordingChildren());
            ctx.export("database", db.database());
        });
    }

    private static String userData(Mocks.ResourceArgs instance) {
        @SuppressWarnings("unchecked")
        var metadatas = (List<Map<String, Object>>) instance.inputs.get("metadatas");
        return new String(Base64.getDecoder().decode((String) metadatas.get(0).get("userData")), StandardCharsets.UTF_8);
    }

    @Test
    void oneInstancePerRegionWithCloudInitForItsRole() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().regions("us-east", "eu-west", "ap-south").build());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        assertEquals(3, mocks.ofType(INSTANCE).size());
        for (String region : List.of("us-east", "eu-west", "ap-south")) {
            var inst = mocks.find(INSTANCE, "db-db-" + region);
            assertEquals(region, input(inst, "region"));
            assertEquals("g6-standard-2", input(inst, "type"));
            assertEquals("linode/debian12", input(inst, "image"));
            assertEquals(true, input(inst, "backupsEnabled"));
            assertEquals(true, input(inst, "privateIp"));
            var doc = DatabaseCloudInitTest.parse(userData(inst));
            String cnf = DatabaseCloudInitTest.cnf(doc);
            assertTrue(cnf.contains("server_id = " + DatabaseCloudInit.serverId(region) + "\n"), cnf);
            assertTrue(cnf.contains(region.equals("us-east") ? "read_only = OFF" : "read_only = ON"), cnf);
        }
    }

    @Test
    void mySqlEngineRendersMySqlServers() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().engine("mysql-8.4").instanceType("g6-dedicated-4")
                .backups(false).build());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        var inst = mocks.find(INSTANCE, "db-db-eu-west");
        assertEquals("g6-dedicated-4", input(inst, "type"));
        assertEquals(false, input(inst, "backupsEnabled"));
        var doc = DatabaseCloudInitTest.parse(userData(inst));
        assertTrue(DatabaseCloudInitTest.cnf(doc).contains("super_read_only = ON"));
        assertTrue(DatabaseCloudInitTest.script(doc).contains("mysql-8.4-lts"));
        @SuppressWarnings("unchecked")
        var out = (Map<String, Object>) PulumiTest.extractValue(result.output("database"));
        assertEquals("mysql-8.4", out.get("engine"));
    }

    @Test
    void firewallsDropByDefaultAndAdmitOnlyPeersAndTheClustersNodes() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().regions("us-east", "eu-west", "ap-south")
                .clientCidrs(Map.of("us-east", List.of("198.51.100.10/32", "192.168.140.7/32"),
                        "eu-west", List.of("198.51.100.20/32"), "ap-south", List.of("198.51.100.30/32"))).build());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        assertEquals(3, mocks.ofType(FIREWALL).size());
        for (String region : List.of("us-east", "eu-west", "ap-south")) {
            var fw = mocks.find(FIREWALL, "db-db-fw-" + region);
            assertEquals("DROP", input(fw, "inboundPolicy"));
            assertEquals("ACCEPT", input(fw, "outboundPolicy"));
            assertEquals("shopdr-stack-db-" + region, input(fw, "label"));
            List<Map<String, Object>> expected = new ArrayList<>();
            for (String other : List.of("us-east", "eu-west", "ap-south")) {
                if (!other.equals(region)) {
                    expected.add(Map.of("label", "db-" + other, "action", "ACCEPT", "protocol", "TCP", "ports", "3306",
                            "ipv4s", List.of(PulumiTest.extractValue(db.instances().get(other).ipAddress()) + "/32")));
                }
            }
            expected.add(Map.of("label", "nodes-us-east", "action", "ACCEPT", "protocol", "TCP", "ports", "3306",
                    "ipv4s", List.of("198.51.100.10/32", "192.168.140.7/32")));
            expected.add(Map.of("label", "nodes-eu-west", "action", "ACCEPT", "protocol", "TCP", "ports", "3306",
                    "ipv4s", List.of("198.51.100.20/32")));
            expected.add(Map.of("label", "nodes-ap-south", "action", "ACCEPT", "protocol", "TCP", "ports", "3306",
                    "ipv4s", List.of("198.51.100.30/32")));
            @SuppressWarnings("unchecked")
            var inbounds = (List<Map<String, Object>>) fw.inputs.get("inbounds");
            assertEquals(expected, inbounds, "one rule per peer database and one per region's nodes; no SSH and no"
                    + " admin rule unless CIDRs are given");
            assertEquals(FirewallFence.nodesRuleLabel(region), ReplicatedDatabase.nodesRuleLabel(region),
                    "the controller's fence finds the region's nodes rule by this label");
            assertFalse(fw.inputs.toString().contains("192.168.128.0/17"), "never Linode's shared private range");
            String ownId = PulumiTest.extractValue(db.instances().get(region).id());
            assertEquals(List.of(Double.valueOf(ownId)), fw.inputs.get("linodes"), "numbers arrive as Double");
        }
    }

    @Test
    void sshAndAdminRulesOnlyFromTheGivenCidrs() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().sshCidrs("203.0.113.7/32", "2001:db8::/64")
                .adminCidrs("198.51.100.0/24").port(3307).build());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        @SuppressWarnings("unchecked")
        var inbounds = (List<Map<String, Object>>) mocks.find(FIREWALL, "db-db-fw-eu-west").inputs.get("inbounds");
        assertEquals(5, inbounds.size(), inbounds::toString);
        assertEquals("3307", inbounds.get(0).get("ports"));
        assertEquals(Map.of("label", "db-admin", "action", "ACCEPT", "protocol", "TCP", "ports", "3307",
                "ipv4s", List.of("198.51.100.0/24")), inbounds.get(3));
        assertEquals(Map.of("label", "ssh", "action", "ACCEPT", "protocol", "TCP", "ports", "22",
                "ipv4s", List.of("203.0.113.7/32"), "ipv6s", List.of("2001:db8::/64")), inbounds.get(4));
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputBagMatchesTheContractAndIsSecret() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().build());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        Output<Object> out = result.output("database");
        assertTrue(Internal.of(out).isSecret().join(), "the database output carries passwords: must be secret");
        var doc = (Map<String, Object>) PulumiTest.extractValue(out);
        assertEquals(List.of("engine", "primaryRegion", "databaseName", "adminUser", "adminPassword",
                "replicationUser", "replicationPassword", "caCertificate", "endpoints"), List.copyOf(doc.keySet()));
        assertEquals("mariadb-10.11", doc.get("engine"));
        assertEquals("us-east", doc.get("primaryRegion"));
        assertEquals("shop", doc.get("databaseName"));
        assertEquals("shopdr_admin", doc.get("adminUser"));
        assertEquals("a-secret", doc.get("adminPassword"));
        assertEquals("shopdr_repl", doc.get("replicationUser"));
        assertEquals("r-secret", doc.get("replicationPassword"));
        assertTrue(((String) doc.get("caCertificate")).startsWith("-----BEGIN CERTIFICATE-----\n"));
        var endpoints = (Map<String, Map<String, Object>>) doc.get("endpoints");
        assertEquals(List.of("us-east", "eu-west"), List.copyOf(endpoints.keySet()));
        for (String region : endpoints.keySet()) {
            var e = endpoints.get(region);
            var inst = db.instances().get(region);
            assertEquals(PulumiTest.extractValue(inst.ipAddress()), e.get("publicIp"));
            assertEquals(PulumiTest.extractValue(inst.privateIpAddress()), e.get("privateIp"));
            assertTrue(((String) e.get("privateIp")).startsWith("192.168.128."), e::toString);
            assertEquals(3306, e.get("port"));
            assertEquals(Integer.parseInt(PulumiTest.extractValue(db.firewalls().get(region).id())), e.get("firewallId"));
            assertEquals(e.get("privateIp"), PulumiTest.extractValue(db.endpoint(region)).privateIp());
        }
    }

    @Test
    void userDataIsSecretAndIgnoredAfterCreationSoNoRunReplacesADatabase() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().build());
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        int instances = 0;
        for (var child : children) {
            if (child.args() instanceof InstanceArgs ia) {
                instances++;
                assertEquals(List.of("metadatas"), child.options().getIgnoreChanges());
                InstanceMetadataArgs md = Internal.of(ia.metadatas().orElseThrow()).getValueNullable().join().get(0);
                assertTrue(Internal.of(md.userData().orElseThrow()).isSecret().join(), "user data must be secret");
            }
        }
        assertEquals(2, instances);
    }

    @Test
    void caCertificateIsStableAcrossRunsAndNotSecret() {
        List<String> cas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var r = run(ctx -> {
                var db = new ReplicatedDatabase("db", ReplicatedDatabaseArgsTest.valid().tlsSeed("a-seed-for-tests").build());
                ctx.export("ca", db.caCertificate());
            });
            assertFalse(Internal.of(r.output("ca")).isSecret().join(), "a CA certificate is public");
            cas.add((String) PulumiTest.extractValue(r.output("ca")));
            PulumiTest.cleanup();
        }
        assertEquals(cas.get(0), cas.get(1));
    }

    @Test
    void invalidArgsFailThePreviewWithTheFieldNamed() {
        var result = run(ctx -> new ReplicatedDatabase("db", ReplicatedDatabaseArgsTest.valid()
                .regions("us-east", "us-east").engine("mysql-5.7").build()));
        assertNotEquals(0, result.exitCode());
        String messages = result.exceptions().toString();
        assertTrue(messages.contains("regions: \"us-east\" appears more than once"), messages);
        assertTrue(messages.contains("engine: unknown database engine \"mysql-5.7\""), messages);
        assertTrue(mocks.resources().isEmpty(), "nothing declared when the input is invalid");
    }

    @Test
    void emptySecretFailsNamingTheFieldWithoutShowingIt() {
        var result = deploy(ReplicatedDatabaseArgsTest.valid().appPassword("").build());
        assertNotEquals(0, result.exitCode());
        String messages = result.exceptions().toString();
        assertTrue(messages.contains("appPassword: the secret is empty"), messages);
        assertFalse(messages.contains("a-secret") || messages.contains("r-secret"), messages);
    }
}
