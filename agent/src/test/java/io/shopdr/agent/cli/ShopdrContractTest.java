package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The contract every {@code shopdr} command shares: exit codes, errors, durations, secrets, version, completion, logs. */
class ShopdrContractTest {
    record Run(int exit, String out, String err) {}

    /** A command that fails the way a bug does. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the impossible happened");
        }
    }

    /** A command whose configuration is invalid in two ways. */
    @CommandLine.Command(name = "misconfigured")
    static final class Misconfigured implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new InvalidConfigException("controller config", List.of(
                    new Problem("regions", "is empty", "list at least two regions"),
                    new Problem("probeInterval", "is negative", "use a positive duration, e.g. 1s")));
        }
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Shopdr.commandLine(), args);
    }

    private static void collect(CommandLine cl, Set<CommandLine> all) {
        if (all.add(cl)) cl.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyHelpListsEveryExitCodeFromTheEnum() {
        Set<CommandLine> all = new HashSet<>();
        collect(Shopdr.commandLine(), all);
        assertTrue(all.size() >= 15, "the whole tree: " + all.size());
        for (CommandLine cl : all) {
            String help = cl.getUsageMessage();
            assertTrue(help.contains("Exit codes:"), cl.getCommandSpec().qualifiedName() + ":\n" + help);
            for (ExitCode c : ExitCode.values()) {
                assertTrue(help.matches("(?s).*\\n\\s+" + c.code() + "\\s+" + java.util.regex.Pattern.quote(c.meaning().substring(0, 20)) + ".*"),
                        cl.getCommandSpec().qualifiedName() + " lacks exit code " + c + ":\n" + help);
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 70), java.util.Arrays.stream(ExitCode.values()).map(ExitCode::code).toList());
    }

    @Test
    void userErrorsAreOneMessageAUsageHintAndExit2() {
        Run typo = run("dns", "swich");
        assertEquals(ExitCode.USAGE.code(), typo.exit());
        assertTrue(typo.err().contains("Did you mean: dns switch?"), typo.err());
        assertTrue(typo.err().contains("Try 'shopdr dns --help' for usage."), typo.err());

        Run badValue = run("replication", "configure", "--primary", "a:1", "--admin-user", "x", "--timeout", "soon");
        assertEquals(ExitCode.USAGE.code(), badValue.exit());
        assertTrue(badValue.err().startsWith("shopdr replication configure: Invalid value for option '--timeout': 'soon'"
                + " is not a duration"), badValue.err());
        assertFalse(badValue.err().contains("\tat "), "no stack trace: " + badValue.err());
        assertEquals("", badValue.out());
    }

    @Test
    void anInvalidConfigurationIsAUserErrorListingEveryProblem() {
        CommandLine cl = Shopdr.commandLine();
        cl.addSubcommand(new Misconfigured());
        Run r = run(cl, "misconfigured");
        assertEquals(ExitCode.USAGE.code(), r.exit());
        assertEquals(List.of("shopdr misconfigured: invalid controller config (2 problems):",
                "  - regions: is empty; list at least two regions",
                "  - probeInterval: is negative; use a positive duration, e.g. 1s"), r.err().lines().toList());
    }

    @Test
    void internalErrorsAreOneLineWithTheirOwnCodeAndTheTraceOnlyWithVerbose() {
        CommandLine cl = Shopdr.commandLine();
        cl.addSubcommand(new Boom());
        Run quiet = run(cl, "boom");
        assertEquals(ExitCode.INTERNAL.code(), quiet.exit());
        assertEquals(List.of("shopdr boom: IllegalStateException: the impossible happened",
                "internal error, rerun with --verbose for the stack trace"), quiet.err().lines().toList());

        CommandLine again = Shopdr.commandLine();
        again.addSubcommand(new Boom());
        Run verbose = run(again, "boom", "--verbose");
        assertEquals(ExitCode.INTERNAL.code(), verbose.exit());
        assertTrue(verbose.err().contains("\tat io.shopdr.agent.cli.ShopdrContractTest$Boom.call"), verbose.err());
    }

    @Test
    void versionComesFromTheBuild() {
        Run v = run("--version");
        assertEquals(0, v.exit());
        String expected = System.getProperty("shopdr.expectedVersion");
        assertTrue(expected != null && !expected.isBlank(), "surefire passes the pom's version");
        assertEquals("shopdr " + expected, v.out().lines().findFirst().orElseThrow());
    }

    @Test
    void completionPrintsABashScriptForTheWholeTree() {
        Run c = run("completion");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().startsWith("#!/usr/bin/env bash"), c.out().substring(0, 100));
        assertTrue(c.out().contains("complete -F _complete_shopdr"), "registers the completion function");
        for (String word : List.of("replication", "post-deploy", "controller", "failback", "switch", "--verify-hostname",
                "--run-for")) {
            assertTrue(c.out().contains(word), "completes " + word);
        }
    }

    @Test
    void oneDurationFormat() {
        DurationConverter d = new DurationConverter();
        assertEquals(Duration.ofMillis(500), d.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), d.convert("30s"));
        assertEquals(Duration.ofMinutes(2), d.convert("2m"));
        assertEquals(Duration.ofHours(1), d.convert("1h"));
        assertEquals(Duration.ofSeconds(90), d.convert("PT1M30S"));
        var bare = assertThrows(CommandLine.TypeConversionException.class, () -> d.convert("60"));
        assertTrue(bare.getMessage().contains("'60' is not a duration; write a number with a unit, e.g. 500ms, 30s"), bare.getMessage());
        var negative = assertThrows(CommandLine.TypeConversionException.class, () -> d.convert("PT-5S"));
        assertTrue(negative.getMessage().contains("is negative"), negative.getMessage());
        assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
        assertEquals("2m", DurationConverter.format(Duration.ofSeconds(120)));
        assertEquals("45s", DurationConverter.format(Duration.ofSeconds(45)));
    }

    @Test
    void everyTimeOptionTakesTheOneFormat() {
        Set<CommandLine> all = new HashSet<>();
        collect(Shopdr.commandLine(), all);
        int timeOptions = 0;
        for (CommandLine cl : all) {
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (o.type() == Duration.class) {
                    timeOptions++;
                    assertEquals("DURATION", o.paramLabel(), cl.getCommandSpec().qualifiedName() + " " + o.longestName());
                    assertTrue(o.converters().length == 1 && o.converters()[0] instanceof DurationConverter,
                            cl.getCommandSpec().qualifiedName() + " " + o.longestName());
                }
                assertFalse(o.paramLabel().matches("SECONDS|MS") || o.longestName().matches(".*-(ms|s|seconds)$"),
                        "a time option that is not a Duration: " + cl.getCommandSpec().qualifiedName() + " " + o.longestName());
            }
        }
        assertTrue(timeOptions >= 7, "run-for, timeouts, max-lag, ttl, duration: " + timeOptions);
    }

    @Test
    void oneHostNameVerificationFlagWithPerCommandDefaults() {
        ReplicationCommand.Configure configure = new ReplicationCommand.Configure();
        new CommandLine(configure).parseArgs("--primary", "a:1", "--admin-user", "x");
        assertTrue(configure.verifyHostname, "replication configure verifies by default");
        configure = new ReplicationCommand.Configure();
        new CommandLine(configure).parseArgs("--primary", "a:1", "--admin-user", "x", "--no-verify-hostname");
        assertFalse(configure.verifyHostname);

        PostDeployHookCommand hook = new PostDeployHookCommand();
        new CommandLine(hook).parseArgs("--stack", "s");
        assertFalse(hook.verifyHostname, "the stack's certificates name db-<region>.shopdr.internal: chain only by default");
        hook = new PostDeployHookCommand();
        new CommandLine(hook).parseArgs("--stack", "s", "--verify-hostname");
        assertTrue(hook.verifyHostname);

        Set<CommandLine> all = new HashSet<>();
        collect(Shopdr.commandLine(), all);
        for (CommandLine cl : all) {
            for (String name : cl.getCommandSpec().optionsMap().keySet()) {
                assertFalse(name.contains("hostname") && !name.matches("--(no-)?verify-hostname"),
                        cl.getCommandSpec().qualifiedName() + " has another host-name flag: " + name);
            }
        }
    }

    @Test
    void oneVariablePerSecretAndTheOldNamesWithAWarning() {
        CommandLine cl = new CommandLine(new Boom());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        Map<String, String> env = new HashMap<>(Map.of("SHOPDR_DB_ADMIN_PASSWORD", "new-secret", "SHOPDR_ADMIN_PASSWORD", "old-secret"));
        assertEquals("new-secret", SecretVariable.DB_ADMIN_PASSWORD.read(cl, env::get, "user admin"));
        assertEquals("", err.toString(), "no warning when the current name is set");

        env.remove("SHOPDR_DB_ADMIN_PASSWORD");
        assertEquals("old-secret", SecretVariable.DB_ADMIN_PASSWORD.read(cl, env::get, "user admin"));
        assertEquals("warning: SHOPDR_ADMIN_PASSWORD is deprecated and will stop being read in the next release: rename it"
                + " to SHOPDR_DB_ADMIN_PASSWORD", err.toString().strip());
        assertEquals("old-repl", SecretVariable.DB_REPLICATION_PASSWORD.read(cl, Map.of("SHOPDR_REPL_PASSWORD", "old-repl")::get, ""));
        assertEquals("old-app", SecretVariable.DB_APP_PASSWORD.read(cl, Map.of("SHOPDR_APP_PASSWORD", "old-app")::get, ""));
        assertFalse(err.toString().contains("secret") || err.toString().contains("old-repl"), "values are never printed");

        var unset = assertThrows(CommandLine.ParameterException.class,
                () -> SecretVariable.DB_REPLICATION_PASSWORD.read(cl, Map.<String, String>of()::get, "user repl"));
        assertEquals("SHOPDR_DB_REPLICATION_PASSWORD is not set: export the replication user's password (user repl) in"
                + " SHOPDR_DB_REPLICATION_PASSWORD (secrets are never taken on the command line)", unset.getMessage());
        assertEquals(4, SecretVariable.values().length);
        assertTrue(java.util.Arrays.stream(SecretVariable.values()).allMatch(v -> v.variable().equals("LINODE_TOKEN")
                || v.variable().startsWith("SHOPDR_DB_")), "one naming scheme");
    }

    @Test
    void logRecordsAreOneLineTextOrJson() throws Exception {
        LogRecord r = new LogRecord(Level.WARNING, "controller us-east: {0} -> {1}\nsecond line");
        r.setParameters(new Object[] {"PRIMARY_HEALTHY", "PRIMARY_SUSPECT"});
        r.setLoggerName("io.shopdr.agent.failover.FailoverController");
        r.setThrown(new IllegalStateException("boom"));
        String text = LogFormat.TEXT.formatter(false).format(r);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.matches("\\S+Z WARN  FailoverController: controller us-east: PRIMARY_HEALTHY -> PRIMARY_SUSPECT "
                + "second line \\(java.lang.IllegalStateException: boom\\)\\R"), text);
        assertTrue(LogFormat.TEXT.formatter(true).format(r).contains("\tat "), "--verbose adds the stack trace");

        String json = LogFormat.JSON.formatter(true).format(r);
        assertEquals(1, json.lines().count(), json);
        JsonNode doc = new ObjectMapper().readTree(json);
        assertEquals("WARN", doc.get("level").asText());
        assertEquals("io.shopdr.agent.failover.FailoverController", doc.get("logger").asText());
        assertEquals("controller us-east: PRIMARY_HEALTHY -> PRIMARY_SUSPECT\nsecond line", doc.get("message").asText());
        assertEquals("java.lang.IllegalStateException: boom", doc.get("error").asText());
        assertTrue(doc.get("stackTrace").asText().contains("\tat "));

        Run badFormat = run("--log-format", "xml", "completion");
        assertEquals(ExitCode.USAGE.code(), badFormat.exit());
        assertTrue(badFormat.err().contains("'xml' is not a log format; use text or json"), badFormat.err());
    }

    @Test
    void slf4jReachesTheConsoleFormatThroughJavaUtilLogging() {
        assertEquals("org.slf4j.jul.JDK14LoggerAdapter",
                org.slf4j.LoggerFactory.getLogger(ShopdrContractTest.class).getClass().getName(), "the slf4j-jdk14 binding");
        ConsoleLogging.install(LogFormat.TEXT, true);
        assertTrue(org.slf4j.LoggerFactory.getLogger("io.shopdr.agent.failover.FailoverController").isDebugEnabled(),
                "--verbose: debug for shopdr's loggers");
        assertFalse(org.slf4j.LoggerFactory.getLogger("org.example.Library").isDebugEnabled(), "not for libraries");
        ConsoleLogging.install(LogFormat.TEXT, false);
        assertFalse(org.slf4j.LoggerFactory.getLogger("io.shopdr.agent.failover.FailoverController").isDebugEnabled());
        assertTrue(org.slf4j.LoggerFactory.getLogger("io.shopdr.agent.failover.FailoverController").isInfoEnabled());
    }
}
