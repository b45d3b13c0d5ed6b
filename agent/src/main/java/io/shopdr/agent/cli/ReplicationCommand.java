package io.shopdr.agent.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ConfigureReport;
import io.shopdr.agent.replication.ConfiguredReplica;
import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.DivergedException;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.FailoverReport;
import io.shopdr.agent.replication.RejoinReport;
import io.shopdr.agent.replication.ReplicaStatus;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.ReplicationException;
import io.shopdr.agent.replication.SwitchoverReport;
import io.shopdr.agent.replication.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr replication configure|status|switchover|failover|rejoin}: the replication engine on the command line.
 * Passwords come only from SHOPDR_DB_ADMIN_PASSWORD and SHOPDR_DB_REPLICATION_PASSWORD; {@code --json} prints one JSON
 * document.
 */
@Command(name = "replication", mixinStandardHelpOptions = true,
        description = "Configure, inspect, switch over, fail over and rejoin database replication.",
        subcommands = {ReplicationCommand.Configure.class, ReplicationCommand.Status.class, ReplicationCommand.Switchover.class,
                ReplicationCommand.Failover.class, ReplicationCommand.Rejoin.class})
public final class ReplicationCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: configure, status, switchover, failover or rejoin");
    }

    /** Options every subcommand shares: the topology, credentials, TLS CA and output format. */
    static final class TopologyOptions {
        @Option(names = "--primary", required = true, paramLabel = "HOST:PORT", description = "The current primary.")
        String primary;

        @Option(names = "--replica", paramLabel = "HOST:PORT", description = "A replica (repeat for each).")
        List<String> replicas = new ArrayList<>();

        @Option(names = "--admin-user", required = true, paramLabel = "U",
                description = "Admin user (password from SHOPDR_DB_ADMIN_PASSWORD).")
        String adminUser;

        @Option(names = "--repl-user", paramLabel = "U", description = "Replication user (password from SHOPDR_DB_REPLICATION_PASSWORD).")
        String replUser;

        @Option(names = "--ca", paramLabel = "FILE", description = "PEM CA: verified TLS for every connection and replication channel.")
        Path ca;

        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        /** Where passwords come from; tests substitute a map. */
        Function<String, String> environment = System::getenv;

        Topology topology(CommandLine cl, boolean needReplPassword) {
            Endpoint p = endpoint(cl, "--primary", primary);
            List<Endpoint> rs = new ArrayList<>();
            for (String r : replicas) rs.add(endpoint(cl, "--replica", r));
            Credentials admin = new Credentials(adminUser, SecretVariable.DB_ADMIN_PASSWORD.read(cl, environment, "user " + adminUser));
            Credentials repl;
            if (needReplPassword) {
                if (replUser == null || replUser.isBlank()) {
                    throw new CommandLine.ParameterException(cl, "--repl-user is required: name the replication user");
                }
                repl = new Credentials(replUser, SecretVariable.DB_REPLICATION_PASSWORD.read(cl, environment, "user " + replUser));
            } else {
                repl = new Credentials(replUser == null || replUser.isBlank() ? "unused" : replUser, "");
            }
            try {
                return new Topology(p, rs, admin, repl, Optional.ofNullable(ca));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
    }

    /** The engine's waits poll once a second: shorter bounds would give up before the first look. */
    static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    static Endpoint endpoint(CommandLine cl, String option, String value) {
        try {
            return Endpoint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, option + ": " + e.getMessage());
        }
    }

    /** Runs one engine operation with uniform error handling, output and exit codes. */
    abstract static class Operation implements Callable<Integer> {
        @Mixin
        TopologyOptions options;

        @Spec
        CommandLine.Model.CommandSpec spec;

        abstract boolean needsReplicationPassword();

        /** Runs the operation; returns the JSON document, prints the human form, and whether the goal holds. */
        abstract Result run(ReplicationEngine engine, PrintWriter out);

        record Result(Object document, boolean goalHolds) {
        }

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            PrintWriter out = cl.getOut();
            PrintWriter err = cl.getErr();
            Topology topology = options.topology(cl, needsReplicationPassword());
            try {
                Result r = run(new ReplicationEngine(topology), options.json ? new PrintWriter(PrintWriter.nullWriter()) : out);
                if (options.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("operation", spec.name());
                    doc.put("ok", r.goalHolds());
                    doc.put("result", r.document());
                    out.println(json(doc));
                }
                out.flush();
                return r.goalHolds() ? ExitCode.OK.code() : ExitCode.UNHEALTHY.code();
            } catch (ReplicationException e) {
                err.println("shopdr replication " + spec.name() + ": " + e.getMessage());
                err.flush();
                if (options.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("operation", spec.name());
                    doc.put("ok", false);
                    doc.put("error", e.getMessage());
                    if (e.endpoint() != null) doc.put("host", e.endpoint().toString());
                    if (e instanceof DivergedException d) doc.put("errant", d.errant());
                    out.println(json(doc));
                    out.flush();
                }
                return ExitCode.FAILED.code();
            }
        }
    }

    @Command(name = "configure", mixinStandardHelpOptions = true,
            description = "Make every replica replicate from the primary (idempotent) and wait until each caught up.")
    static final class Configure extends Operation {
        @Option(names = "--force", description = "Re-point replicas that replicate from another source.")
        boolean force;

        @Option(names = "--semi-sync", description = "Lossless semi-synchronous replication (AFTER_SYNC).")
        boolean semiSync;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
                description = "How long to wait for every replica to catch up (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--server-ca-path", paramLabel = "PATH",
                description = "Path of the CA on the database servers (default: the --ca path).")
        String serverCaPath;

        @Option(names = "--verify-hostname", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "With --ca: require the source's certificate to name the host replicas connect to; "
                        + "--no-verify-hostname checks the chain only (default: verify).")
        boolean verifyHostname;

        @Override boolean needsReplicationPassword() { return true; }

        @Override
        Result run(ReplicationEngine engine, PrintWriter out) {
            ConfigureReport r = engine.configure(ConfigureOptions.builder().force(force).semiSync(semiSync)
                    .verifyServerHostname(verifyHostname)
                    .waitTimeout(atLeastOneSecond(timeout)).serverCaPath(serverCaPath).build());
            printConfigure(r, out);
            return new Result(r, r.ok());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Threads, lag, errors, GTID positions and transactions behind of every replica.")
    static final class Status extends Operation {
        @Override boolean needsReplicationPassword() { return false; }

        @Override
        Result run(ReplicationEngine engine, PrintWriter out) {
            List<ReplicaStatus> s = engine.status();
            printTable(s, out);
            return new Result(s, !s.isEmpty() && s.stream().allMatch(ReplicaStatus::healthy));
        }
    }

    @Command(name = "switchover", mixinStandardHelpOptions = true,
            description = "Planned, lossless change of primary to --to; the old primary becomes its replica.")
    static final class Switchover extends Operation {
        @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The replica to promote.")
        String to;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "How long the candidate may take to catch up before aborting (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override boolean needsReplicationPassword() { return true; }

        @Override
        Result run(ReplicationEngine engine, PrintWriter out) {
            SwitchoverReport r = engine.switchover(endpoint(spec.commandLine(), "--to", to), atLeastOneSecond(timeout));
            out.printf("switched over: %s is the primary (was %s) at GTID %s in %d ms; re-pointed %s%n",
                    r.newPrimary(), r.oldPrimary(), r.gtidAtSwitch(), r.duration().toMillis(), r.repointed());
            return new Result(r, true);
        }
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = "The primary is gone: promote the most advanced replica and re-point the others.")
    static final class Failover extends Operation {
        @Option(names = "--last-seen-gtid", paramLabel = "GTID",
                description = "The primary's GTID position last observed (for the RPO); without it the RPO is unknown.")
        String lastSeen;

        @Override boolean needsReplicationPassword() { return true; }

        @Override
        Result run(ReplicationEngine engine, PrintWriter out) {
            FailoverReport r = engine.failover(Optional.ofNullable(lastSeen));
            out.printf("failed over: %s is the primary (was %s); RPO %s; re-pointed %s%n", r.newPrimary(), r.oldPrimary(),
                    r.rpoKnown() ? r.rpoTransactions() + " transaction(s)" + (r.lostGtids().isEmpty() ? "" : " " + r.lostGtids())
                            : "unknown (no --last-seen-gtid)", r.repointed());
            r.warnings().forEach(w -> out.println("warning: " + w));
            return new Result(r, r.warnings().isEmpty());
        }
    }

    @Command(name = "rejoin", mixinStandardHelpOptions = true,
            description = "Bring --node (a former primary) back as a replica of --primary; refuses when it diverged.")
    static final class Rejoin extends Operation {
        @Option(names = "--node", required = true, paramLabel = "HOST:PORT", description = "The server to bring back.")
        String node;

        @Override boolean needsReplicationPassword() { return true; }

        @Override
        Result run(ReplicationEngine engine, PrintWriter out) {
            RejoinReport r = engine.rejoin(endpoint(spec.commandLine(), "--node", node));
            out.printf("%s %s%n", r.node(), r.actions().isEmpty() ? "already replicating from " + r.primary() : String.join("; ", r.actions()));
            printTable(List.of(r.status()), out);
            return new Result(r, r.caughtUp() && r.status().healthy());
        }
    }

    static void printConfigure(ConfigureReport r, PrintWriter out) {
        out.printf("primary %s at GTID %s%s%n", r.primary(), r.primaryGtid().isEmpty() ? "(empty)" : r.primaryGtid(),
                r.primaryActions().isEmpty() ? "" : ": " + String.join("; ", r.primaryActions()));
        for (ConfiguredReplica c : r.replicas()) {
            out.printf("replica %s: %s%s%n", c.replica(), c.changed() ? String.join("; ", c.actions()) : "unchanged",
                    c.caughtUp() ? "" : " (NOT caught up)");
        }
        out.println(r.changed() ? "configured." : "nothing changed: replication already configured.");
        printTable(r.replicas().stream().map(ConfiguredReplica::status).toList(), out);
    }

    /** One row per replica: IO/SQL threads, lag, transactions behind, source and the last error. */
    static void printTable(List<ReplicaStatus> statuses, PrintWriter out) {
        printTable(statuses, null, out);
    }

    /** Like {@link #printTable(List, PrintWriter)} with a leading label column (e.g. the region) per replica. */
    static void printTable(List<ReplicaStatus> statuses, Map<Endpoint, String> labels, PrintWriter out) {
        String fmt = (labels == null ? "" : "%-14s ") + "%-22s %-4s %-4s %-7s %-7s %-22s %s%n";
        List<Object> head = new ArrayList<>();
        if (labels != null) head.add("REGION");
        head.addAll(List.of("REPLICA", "IO", "SQL", "LAG_S", "BEHIND", "SOURCE", "ERROR"));
        out.printf(fmt, head.toArray());
        for (ReplicaStatus s : statuses) {
            List<Object> row = new ArrayList<>();
            if (labels != null) row.add(labels.getOrDefault(s.replica(), ""));
            String error = !s.lastSqlError().isEmpty() ? s.lastSqlError() : s.lastIoError();
            row.addAll(List.of(String.valueOf(s.replica()), s.ioRunning() ? "yes" : "no", s.sqlRunning() ? "yes" : "no",
                    s.lagSeconds() == null ? "-" : s.lagSeconds().toString(),
                    s.transactionsBehind() == null ? "?" : s.transactionsBehind().toString(),
                    s.sourceHost().isEmpty() ? "-" : s.sourceHost() + ":" + s.sourcePort(), error.isEmpty() ? "-" : error));
            out.printf(fmt, row.toArray());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Duration.class, new JsonSerializer<>() {
                @Override
                public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeNumber(d.toMillis());
                }
            }))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static String json(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
