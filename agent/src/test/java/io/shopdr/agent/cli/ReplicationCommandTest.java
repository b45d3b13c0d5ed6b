package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.replication.SharedReplicationCluster;
import io.shopdr.sim.mariadb.MariaDbCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code shopdr replication …} in process (captured streams, substituted environment) against real MariaDB. */
class ReplicationCommandTest {
    static SharedReplicationCluster cluster;
    final Map<String, String> env = new HashMap<>(Map.of(
            "SHOPDR_DB_ADMIN_PASSWORD", MariaDbCluster.ADMIN_PASSWORD, "SHOPDR_DB_REPLICATION_PASSWORD", SharedReplicationCluster.REPL.password()));

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
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

    Run run(String... args) {
        CommandLine cl = Shopdr.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        for (CommandLine sub : cl.getSubcommands().get("replication").getSubcommands().values()) {
            ((ReplicationCommand.Operation) sub.getCommand()).options.environment = env::get;
        }
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String ep(int i) {
        return "127.0.0.1:" + cluster.node(i).port();
    }

    List<String> topologyArgs(String op, int primary, String... extra) {
        List<String> a = new ArrayList<>(List.of("replication", op, "--primary", ep(primary)));
        for (int i = 0; i < 3; i++) if (i != primary) a.addAll(List.of("--replica", ep(i)));
        a.addAll(List.of("--admin-user", "admin", "--repl-user", "repl"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void configureThenIdempotentJsonThenStatus() throws Exception {
        Run first = run(topologyArgs("configure", 0).toArray(String[]::new));
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("configured."), first.out());
        assertTrue(first.out().contains(ep(1)) && first.out().contains("REPLICA"), first.out());

        Run again = run(topologyArgs("configure", 0, "--json").toArray(String[]::new));
        assertEquals(0, again.exit(), again.err());
        JsonNode doc = again.json();
        assertTrue(doc.get("ok").asBoolean());
        assertFalse(doc.get("result").get("changed").asBoolean());
        assertEquals(2, doc.get("result").get("replicas").size());
        assertEquals(ep(1), doc.get("result").get("replicas").get(0).get("replica").asText());

        Run status = run(topologyArgs("status", 0, "--json").toArray(String[]::new));
        assertEquals(0, status.exit(), status.err());
        JsonNode s = status.json().get("result");
        assertEquals(2, s.size());
        assertTrue(s.get(0).get("healthy").asBoolean());
        assertEquals(0, s.get(1).get("transactionsBehind").asLong());

        cluster.node(2).execute("STOP SLAVE");
        Run stopped = run(topologyArgs("status", 0).toArray(String[]::new));
        assertEquals(ExitCode.UNHEALTHY.code(), stopped.exit(), stopped.out());
        assertTrue(stopped.out().lines().anyMatch(l -> l.startsWith(ep(2)) && l.contains(" no ")), stopped.out());
        for (Run r : List.of(first, again, status, stopped)) {
            assertFalse((r.out() + r.err()).contains(SharedReplicationCluster.REPL.password()));
            assertFalse((r.out() + r.err()).contains(MariaDbCluster.ADMIN_PASSWORD));
        }
    }

    @Test
    void switchoverFailoverAndRejoin() throws Exception {
        assertEquals(0, run(topologyArgs("configure", 0).toArray(String[]::new)).exit());
        Run sw = run(topologyArgs("switchover", 0, "--to", ep(1), "--json").toArray(String[]::new));
        assertEquals(0, sw.exit(), sw.err());
        assertEquals(ep(1), sw.json().get("result").get("newPrimary").asText());
        assertEquals(0, run(topologyArgs("status", 1).toArray(String[]::new)).exit());

        cluster.node(1).kill();
        String lastSeen = cluster.node(0).queryString("SELECT @@GLOBAL.gtid_current_pos");
        Run fo = run(topologyArgs("failover", 1, "--last-seen-gtid", lastSeen, "--json").toArray(String[]::new));
        assertEquals(0, fo.exit(), fo.out() + fo.err());
        JsonNode f = fo.json().get("result");
        assertEquals(ep(0), f.get("newPrimary").asText());
        assertEquals(0, f.get("rpoTransactions").asLong());
        assertTrue(f.get("rpoKnown").asBoolean());

        cluster.node(1).restart();
        Run rejoin = run("replication", "rejoin", "--primary", ep(0), "--replica", ep(2), "--node", ep(1),
                "--admin-user", "admin", "--repl-user", "repl");
        assertEquals(0, rejoin.exit(), rejoin.out() + rejoin.err());
        assertTrue(rejoin.out().contains("replicating from " + ep(0)), rejoin.out());
        assertEquals(0, run(topologyArgs("status", 0).toArray(String[]::new)).exit());
    }

    @Test
    void badInputIsOneClearMessageAndAUsageOrFailureExitCode() throws Exception {
        env.remove("SHOPDR_DB_REPLICATION_PASSWORD");
        Run noPassword = run(topologyArgs("configure", 0).toArray(String[]::new));
        assertEquals(ExitCode.USAGE.code(), noPassword.exit());
        assertTrue(noPassword.err().contains("SHOPDR_DB_REPLICATION_PASSWORD is not set"), noPassword.err());
        assertEquals(0, cluster.node(1).query("SHOW SLAVE STATUS").size(), "nothing changed");

        env.put("SHOPDR_DB_REPLICATION_PASSWORD", "x");
        Run badEndpoint = run("replication", "status", "--primary", ep(0), "--replica", "db-without-port", "--admin-user", "admin");
        assertEquals(ExitCode.USAGE.code(), badEndpoint.exit());
        assertTrue(badEndpoint.err().contains("--replica") && badEndpoint.err().contains("db-without-port"), badEndpoint.err());

        Run noPasswordOption = run("replication", "status", "--primary", ep(0), "--admin-user", "admin", "--password", "p");
        assertEquals(ExitCode.USAGE.code(), noPasswordOption.exit(), "there is no password option");

        env.put("SHOPDR_DB_ADMIN_PASSWORD", "wrong-admin-secret");
        Run wrong = run(topologyArgs("configure", 0, "--json").toArray(String[]::new));
        assertEquals(ExitCode.FAILED.code(), wrong.exit());
        JsonNode doc = wrong.json();
        assertFalse(doc.get("ok").asBoolean());
        assertEquals(ep(0), doc.get("host").asText());
        assertTrue(doc.get("error").asText().contains("SHOPDR_DB_ADMIN_PASSWORD"), doc.toString());
        assertFalse((wrong.out() + wrong.err()).contains("wrong-admin-secret"));

        env.put("SHOPDR_DB_ADMIN_PASSWORD", MariaDbCluster.ADMIN_PASSWORD);
        cluster.node(1).execute("CREATE DATABASE stray");
        Run diverged = run(topologyArgs("configure", 0, "--json").toArray(String[]::new));
        assertEquals(ExitCode.FAILED.code(), diverged.exit());
        assertEquals(1, diverged.json().get("errant").get("count").asLong());
        assertTrue(diverged.err().contains("re-clone"), diverged.err());
        cluster.node(1).execute("SET sql_log_bin=0", "DROP DATABASE stray");
    }
}
