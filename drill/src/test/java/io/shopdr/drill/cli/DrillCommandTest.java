package io.shopdr.drill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.cli.Shopdr;
import io.shopdr.drill.DrillLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to {@code shopdr drill}: one clear line on stderr, exit 2, nothing started. */
class DrillCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, Path projectDir, String... args) {
        CommandLine cl = Shopdr.commandLine();
        DrillCommand drill = (DrillCommand) cl.getSubcommands().get("drill").getCommand();
        drill.env = env::get;
        if (projectDir != null) drill.projectDir = projectDir;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The repository's prod stack config (tests run in the drill module's directory). */
    private static String prodStackConfig() {
        return Path.of("").toAbsolutePath().getParent().resolve("Pulumi.prod.yaml").toString();
    }

    @Test
    void missingStackConfigIsNamedWithTheFix(@TempDir Path dir) {
        Run r = run(Map.of(), null, "drill", "--stack-config", dir.resolve("nosuch.yaml").toString(),
                "--lock-file", dir.resolve("l").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--stack-config " + dir.resolve("nosuch.yaml")), r.err());
        assertTrue(r.err().contains("pass the stack config"), r.err());
        assertFalse(r.err().contains("at io.shopdr"), "no stack trace: " + r.err());
    }

    @Test
    void anUnknownFaultIsNamedWithTheChoicesBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("Pulumi.test.yaml"), "config: {}\n");
        Run r = run(Map.of(), null, "drill", "--stack-config", config.toString(), "--fault", "meteor",
                "--lock-file", dir.resolve("l").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--fault meteor") && r.err().contains("observer-partition"), r.err());
        Run m = run(Map.of(), null, "drill", "--stack-config", config.toString(), "--matrix", "--faults", "kill,meteor",
                "--lock-file", dir.resolve("l").toString());
        assertEquals(2, m.exit());
        assertTrue(m.err().contains("--fault meteor"), m.err());
        assertFalse(m.err().contains("at io.shopdr"), "no stack trace: " + m.err());
    }

    @Test
    void secondDrillIsRefusedWhileOneHoldsTheLock(@TempDir Path dir) {
        Path lock = dir.resolve("drill.lock");
        try (DrillLock held = DrillLock.acquire(lock)) {
            Run r = run(Map.of(), null, "drill", "--lock-file", lock.toString(), "--stack-config", prodStackConfig());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("a drill is already running"), r.err());
        }
    }

    @Test
    void optionRangesAreChecked() {
        Run r = run(Map.of(), null, "drill", "--runs", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--runs must be at least 1"), r.err());
        r = run(Map.of(), null, "drill", "--stack-config", prodStackConfig(), "--propagation", "-1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--propagation"), r.err());
        r = run(Map.of(), null, "drill", "--stack-config", prodStackConfig(), "--regions", "us-east");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--regions us-east: give at least two regions"), r.err());
        r = run(Map.of(), null, "drill", "--stack-config", prodStackConfig(), "--rtt", "-5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--rtt"), r.err());
    }

    @Test
    void cloudDrillWithoutTokenOrWithUnknownStackFailsClearly(@TempDir Path dir) throws Exception {
        Run r = run(Map.of(), dir, "drill", "--stack", "staging");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("LINODE_TOKEN is not set"), r.err());

        r = run(Map.of("LINODE_TOKEN", "secret-token-value"), dir, "drill", "--stack", "nosuch");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown stack 'nosuch'"), r.err());
        assertFalse(r.err().contains("secret-token-value"));

        Files.writeString(dir.resolve("Pulumi.staging.yaml"), "config:\n  shopdr:domain: shop.example.com\n");
        Files.writeString(dir.resolve("out.json"), "{\"domain\":\"shop.example.com\",\"primaryRegion\":\"us-east\",\"regions\":[\"us-east\",\"eu-west\"]}");
        r = run(Map.of("LINODE_TOKEN", "secret-token-value"), dir, "drill", "--stack", "staging",
                "--outputs", dir.resolve("out.json").toString(), "--undo-file", dir.resolve("undo.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ingressIps.us-east"), r.err());
    }

    @Test
    void undoWithoutPlanSaysNothingToUndo(@TempDir Path dir) {
        Run r = run(Map.of("LINODE_TOKEN", "t"), null, "drill", "--undo", "--undo-file", dir.resolve("none.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nothing to undo"), r.err());
    }
}
