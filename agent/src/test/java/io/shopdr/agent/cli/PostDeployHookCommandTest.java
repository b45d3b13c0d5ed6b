package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.agent.replication.SharedReplicationCluster;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The post-deploy hook end to end: an outputs document pointing at three real MariaDB servers (one per "region"). */
class PostDeployHookCommandTest {
    static SharedReplicationCluster cluster;
    static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = SharedReplicationCluster.get();
    }

    @BeforeEach
    void reset() throws Exception {
        cluster.reset();
        SharedReplicationCluster.createShop(cluster.node(0));
    }

    /** The contract's outputs document with the fixture's nodes as the regions' servers (public IP 127.0.0.1). */
    static ObjectNode outputs() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("primaryRegion", "us-east");
        REGIONS.forEach(root.putArray("regions")::add);
        ObjectNode db = root.putObject("database");
        db.put("engine", "mariadb-10.11").put("primaryRegion", "us-east").put("databaseName", "shop");
        db.put("adminUser", MariaDbCluster.ADMIN_USER).put("adminPassword", MariaDbCluster.ADMIN_PASSWORD);
        db.put("replicationUser", "repl").put("replicationPassword", SharedReplicationCluster.REPL.password());
        db.put("caCertificate", Files.readString(cluster.certificates().caCert()));
        ObjectNode eps = db.putObject("endpoints");
        for (int i = 0; i < 3; i++) {
            eps.putObject(REGIONS.get(i)).put("publicIp", "127.0.0.1").put("privateIp", "127.0.0.1")
                    .put("port", cluster.node(i).port()).put("firewallId", 100 + i);
        }
        root.putObject("ingressIps").put("us-east", "198.51.100.1");
        return root;
    }

    static Path write(ObjectNode doc) throws Exception {
        return Files.writeString(Files.createTempFile("outputs", ".json"), new ObjectMapper().writeValueAsString(doc));
    }

    Run run(String stdin, String... args) {
        CommandLine cl = Shopdr.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        ((PostDeployHookCommand) cl.getSubcommands().get("replicate").getCommand()).stdin =
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    String[] hook(Path outputs, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("replicate", "--stack", "prod", "--outputs", outputs.toString(),
                "--server-ca-path", cluster.certificates().caCert().toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void configuresEveryRegionOverTlsThenReportsNothingChanged() throws Exception {
        Path file = write(outputs());
        Run first = run("", hook(file));
        assertEquals(0, first.exit(), first.out() + first.err());
        for (String region : REGIONS.subList(1, 3)) {
            assertTrue(first.out().lines().anyMatch(l -> l.startsWith(region) && l.contains(" yes  yes ")), first.out());
        }
        assertTrue(first.out().contains("replication healthy"), first.out());
        var row = cluster.node(1).query("SHOW SLAVE STATUS").get(0);
        assertEquals("Yes", row.get("Master_SSL_Allowed"));
        assertEquals("No", row.get("Master_SSL_Verify_Server_Cert"), "chain only: the stack's certificates name db-<region>.shopdr.internal");
        assertEquals(cluster.certificates().caCert().toString(), row.get("Master_SSL_CA_File"));
        assertEquals(String.valueOf(cluster.node(0).port()), row.get("Master_Port"));

        cluster.node(0).execute("INSERT INTO shop.orders VALUES (1, 'deployed', 1)");
        Run again = run(new ObjectMapper().writeValueAsString(outputs()),
                "replicate", "--stack", "prod", "--outputs", "-", "--json", "--server-ca-path", cluster.certificates().caCert().toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        JsonNode doc = new ObjectMapper().readTree(again.out());
        assertTrue(doc.get("ok").asBoolean());
        assertFalse(doc.get("changed").asBoolean());
        assertEquals("eu-west", doc.get("replicas").get(0).get("region").asText());
        assertEquals(0, doc.get("replicas").get(1).get("status").get("transactionsBehind").asLong());
        assertEquals("1", cluster.node(2).queryString("SELECT COUNT(*) FROM shop.orders"));
        for (Run r : List.of(first, again)) assertFalse((r.out() + r.err()).contains(SharedReplicationCluster.REPL.password()));
    }

    @Test
    void aReplicaWhoseApplierFailsMakesTheHookFail() throws Exception {
        MariaDbCluster.Node broken = cluster.node(2);
        // a schema created behind replication's back, with DDL applied strictly, stops the replica's applier
        broken.execute("SET GLOBAL slave_ddl_exec_mode=STRICT", "SET sql_log_bin=0", "CREATE DATABASE shop");
        try {
            Run r = run("", hook(write(outputs()), "--timeout", "5s"));
            assertEquals(ExitCode.UNHEALTHY.code(), r.exit(), r.out() + r.err());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ap-south") && l.contains(" no ") && l.contains("exists")), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("eu-west") && l.contains(" yes  yes ")), r.out());
            assertTrue(r.out().contains("NOT healthy"), r.out());
        } finally {
            broken.execute("SET GLOBAL slave_ddl_exec_mode=IDEMPOTENT");
        }
    }

    @Test
    void badInputIsOneClearMessageNonZeroExitAndNothingChanged() throws Exception {
        Run missingFile = run("", hook(Path.of("/nonexistent/outputs.json")));
        assertEquals(ExitCode.USAGE.code(), missingFile.exit());
        assertTrue(missingFile.err().contains("outputs file /nonexistent/outputs.json does not exist"), missingFile.err());

        Run malformed = run("{\"regions\": [", "replicate", "--stack", "prod", "--outputs", "-");
        assertEquals(ExitCode.USAGE.code(), malformed.exit());
        assertTrue(malformed.err().contains("not valid JSON"), malformed.err());

        Run noRegion = run("", hook(write(edit(d -> ((ObjectNode) d.get("database").get("endpoints")).remove("eu-west")))));
        assertEquals(ExitCode.USAGE.code(), noRegion.exit());
        assertTrue(noRegion.err().contains("region 'eu-west' has no database endpoint"), noRegion.err());

        Run hidden = run("", hook(write(edit(d -> ((ObjectNode) d.get("database")).put("replicationPassword", "[secret]")))));
        assertEquals(ExitCode.USAGE.code(), hidden.exit());
        assertTrue(hidden.err().contains("--show-secrets"), hidden.err());

        Run unreachable = run("", hook(write(edit(d -> ((ObjectNode) d.get("database").get("endpoints").get("ap-south")).put("port", 1))), "--json", "--address-echo", "none"));
        assertEquals(ExitCode.FAILED.code(), unreachable.exit());
        JsonNode doc = new ObjectMapper().readTree(unreachable.out());
        assertEquals("ap-south (127.0.0.1:1)", doc.get("where").asText());
        assertTrue(doc.get("error").asText().contains("cannot reach replica 127.0.0.1:1"), doc.toString());
        assertTrue(doc.get("error").asText().contains("pulumi config set --path 'shopdr:dbAdminCidrs[0]'"),
                "the preflight names the config key to add: " + doc);

        Run noStack = run("", "replicate");
        assertEquals(ExitCode.USAGE.code(), noStack.exit());
        assertTrue(noStack.err().contains("--stack") && noStack.err().contains("--outputs"), noStack.err());

        for (Run r : List.of(missingFile, malformed, noRegion, hidden, unreachable, noStack)) {
            assertEquals(1, r.err().lines().count(), "one message: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
        for (MariaDbCluster.Node n : cluster.nodes()) {
            assertEquals(0, n.query("SHOW SLAVE STATUS").size(), "nothing changed on " + n.port());
            assertEquals("0", n.queryString("SELECT COUNT(*) FROM mysql.user WHERE User='repl'"));
        }
    }

    private static ObjectNode edit(Consumer<ObjectNode> change) throws Exception {
        ObjectNode d = outputs();
        change.accept(d);
        return d;
    }
}
