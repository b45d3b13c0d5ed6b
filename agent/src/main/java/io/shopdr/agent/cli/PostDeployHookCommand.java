package io.shopdr.agent.cli;

import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.DatabasePortPreflight;
import io.shopdr.agent.replication.ConfigureReport;
import io.shopdr.agent.replication.ConfiguredReplica;
import io.shopdr.agent.replication.Endpoint;
import io.shopdr.agent.replication.ReplicaStatus;
import io.shopdr.agent.replication.ReplicationEngine;
import io.shopdr.agent.replication.ReplicationException;
import io.shopdr.agent.replication.Topology;
import io.shopdr.agent.stack.PulumiStackOutputs;
import io.shopdr.agent.stack.StackOutputs;
import io.shopdr.agent.stack.StackOutputsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr replicate --stack S}: the post-deploy hook. Reads the stack's outputs (pulumi CLI, {@code --outputs
 * FILE} or {@code --outputs -} for stdin), configures replication from the primary region to every other region,
 * prints a per-region table and exits 0 only when every replica runs both threads with lag within {@code --max-lag}.
 */
@Command(name = "post-deploy", aliases = "replicate", mixinStandardHelpOptions = true,
        description = "Post-deploy hook: configure and verify replication from a stack's outputs.",
        footer = {"", "Run after every deploy: pulumi up && ./shopdr post-deploy --stack <stack> (alias: replicate)",
                "Exit 0 means every replica replicates within --max-lag; 3 that one is not running or lags too much."})
public final class PostDeployHookCommand implements Callable<Integer> {
    /** Where the database servers keep the CA (written there by ReplicatedDatabase's cloud-init). */
    public static final String DEFAULT_SERVER_CA_PATH = "/etc/mysql/shopdr-tls/ca.pem";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stack", paramLabel = "S", description = "The Pulumi stack (outputs read with the pulumi CLI).")
    String stack;

    @Option(names = "--outputs", paramLabel = "FILE",
            description = "Saved `pulumi stack output --json --show-secrets` document, or - for stdin.")
    String outputs;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Highest acceptable replica lag, whole seconds as replicas report it (default: ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "Bound on waiting for replicas to catch up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--semi-sync", description = "Lossless semi-synchronous replication (AFTER_SYNC).")
    boolean semiSync;

    @Option(names = "--server-ca-path", paramLabel = "PATH", defaultValue = DEFAULT_SERVER_CA_PATH,
            description = "Path of the CA on the database servers (default ${DEFAULT-VALUE}).")
    String serverCaPath;

    /**
     * ReplicatedDatabase's server certificates name {@code db-<region>.shopdr.internal} while replicas connect by
     * public IP, so by default replicas verify the certificate chain against the stack's CA but not the host name.
     */
    @Option(names = "--verify-hostname", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Also require the source's certificate to name the host replicas connect to "
                    + "(default: --no-verify-hostname, chain only: the stack's certificates name db-<region>.shopdr.internal).")
    boolean verifyHostname;

    @Option(names = "--address-echo", paramLabel = "URL",
            description = "Where the reachability preflight asks for this machine's public address, to name the "
                    + "dbAdminCidrs entry to add (default https://checkip.amazonaws.com; none = do not ask).")
    String addressEcho = DatabasePortPreflight.DEFAULT_ADDRESS_ECHO.toString();

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    /** Standard input; tests substitute a stream. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        StackOutputs so;
        try {
            so = readOutputs();
        } catch (StackOutputsException e) {
            return fail(out, err, ExitCode.USAGE.code(), e.getMessage(), null);
        }
        Path ca = null;
        try {
            if (so.database().caCertificatePem().isPresent()) ca = writeCa(so.database().caCertificatePem().get());
            Topology topology;
            try {
                topology = new Topology(so.primaryEndpoint(), so.replicaEndpoints(), so.database().admin(),
                        so.database().replication(), Optional.ofNullable(ca));
            } catch (IllegalArgumentException e) {
                return fail(out, err, ExitCode.USAGE.code(), "database.endpoints: " + e.getMessage(), null);
            }
            Map<String, Endpoint> byRegion = new LinkedHashMap<>();
            for (String r : so.regions()) byRegion.put(r, so.database().endpoints().get(r).endpoint());
            Optional<DatabasePortPreflight.Blocked> blocked = new DatabasePortPreflight(Duration.ofSeconds(5),
                    "none".equals(addressEcho) ? Optional.empty() : Optional.of(java.net.URI.create(addressEcho)))
                    .check(so.primaryRegion(), byRegion);
            if (blocked.isPresent()) {
                return fail(out, err, ExitCode.FAILED.code(), blocked.get().message(), blocked.get().where());
            }
            ReplicationEngine engine = new ReplicationEngine(topology);
            ConfigureReport report = engine.configure(ConfigureOptions.builder().semiSync(semiSync).verifyServerHostname(verifyHostname)
                    .waitTimeout(ReplicationCommand.atLeastOneSecond(timeout)).serverCaPath(ca == null ? null : serverCaPath).build());
            List<ReplicaStatus> status = engine.status();
            boolean ok = report.ok() && !status.isEmpty() && status.stream().allMatch(this::withinLag);
            Map<Endpoint, String> regions = new LinkedHashMap<>();
            for (String r : so.regions()) regions.put(so.database().endpoints().get(r).endpoint(), r);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ok", ok);
                doc.put("stack", stack);
                doc.put("primaryRegion", so.primaryRegion());
                doc.put("primary", so.primaryEndpoint().toString());
                doc.put("maxLagSeconds", maxLag.toSeconds());
                doc.put("changed", report.changed());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ReplicaStatus s : status) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("region", regions.get(s.replica()));
                    row.put("withinMaxLag", withinLag(s));
                    row.put("actions", report.replicas().stream().filter(c -> c.replica().equals(s.replica()))
                            .findFirst().map(ConfiguredReplica::actions).orElse(List.of()));
                    row.put("status", s);
                    rows.add(row);
                }
                doc.put("replicas", rows);
                out.println(ReplicationCommand.json(doc));
            } else {
                out.printf("primary region %s: %s%s%n", so.primaryRegion(), so.primaryEndpoint(),
                        report.primaryActions().isEmpty() ? "" : " (" + String.join("; ", report.primaryActions()) + ")");
                for (ConfiguredReplica c : report.replicas()) {
                    out.printf("region %s: %s%n", regions.get(c.replica()), c.changed() ? String.join("; ", c.actions()) : "unchanged");
                }
                ReplicationCommand.printTable(status, regions, out);
                out.println(ok ? "replication healthy: every replica runs with lag <= " + DurationConverter.format(maxLag)
                        : "replication NOT healthy: see the table (threads, lag > " + DurationConverter.format(maxLag) + ", errors)");
            }
            out.flush();
            return ok ? ExitCode.OK.code() : ExitCode.UNHEALTHY.code();
        } catch (ReplicationException e) {
            return fail(out, err, ExitCode.FAILED.code(), e.getMessage(), e.endpoint() == null ? null : regionOf(so, e.endpoint()));
        } catch (IOException e) {
            return fail(out, err, ExitCode.FAILED.code(), "cannot write the CA certificate to a temporary file: " + e.getMessage(), null);
        } finally {
            if (ca != null) {
                try {
                    Files.deleteIfExists(ca);
                } catch (IOException ignored) {
                    // temp file; removed on reboot
                }
            }
        }
    }

    private static String regionOf(StackOutputs so, Endpoint e) {
        String r = so.regionOf(e);
        return r == null ? e.toString() : r + " (" + e + ")";
    }

    private boolean withinLag(ReplicaStatus s) {
        return s.ioRunning() && s.sqlRunning() && s.lagSeconds() != null && s.lagSeconds() <= maxLag.toSeconds();
    }

    private StackOutputs readOutputs() {
        if (outputs != null) {
            return "-".equals(outputs) ? StackOutputs.read(stdin) : StackOutputs.read(Path.of(outputs));
        }
        if (stack == null || stack.isBlank()) {
            throw new StackOutputsException("no stack given: pass --stack <stack> (with the pulumi CLI installed) or --outputs FILE");
        }
        Path pulumi = PulumiStackOutputs.cli().orElseThrow(() -> new StackOutputsException("the pulumi CLI is not on PATH:"
                + " install it, or pass the outputs with --outputs FILE (or --outputs - to read"
                + " `pulumi stack output --stack " + stack + " --json --show-secrets` from stdin)"));
        return PulumiStackOutputs.fetch(pulumi, stack);
    }

    private int fail(PrintWriter out, PrintWriter err, int code, String message, String where) {
        err.println("shopdr replicate: " + message);
        err.flush();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", false);
            doc.put("stack", stack);
            doc.put("error", message);
            if (where != null) doc.put("where", where);
            out.println(ReplicationCommand.json(doc));
            out.flush();
        }
        return code;
    }

    private static Path writeCa(String pem) throws IOException {
        Path f;
        try {
            f = Files.createTempFile("shopdr-stack-ca-", ".pem", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            f = Files.createTempFile("shopdr-stack-ca-", ".pem");
        }
        Files.writeString(f, pem);
        return f;
    }
}
