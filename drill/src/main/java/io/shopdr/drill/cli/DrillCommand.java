package io.shopdr.drill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopdr.agent.cli.DurationConverter;
import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.storefront.StorefrontException;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillLock;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.cloud.CloudDrill;
import io.shopdr.drill.report.DrillSeries;
import io.shopdr.drill.report.HtmlReport;
import io.shopdr.drill.report.SummaryTable;
import io.shopdr.drill.nemesis.Nemesis;
import io.shopdr.drill.report.MatrixTable;
import io.shopdr.drill.twin.TwinDrill;
import io.shopdr.drill.twin.TwinDrillOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shopdr drill}: the local two-region disaster-recovery drill (default; no cloud account needed), or a cloud
 * drill against a deployed stack ({@code --stack}); prints progress per phase and a summary, or one JSON document.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Disaster-recovery drill. Default: the TWIN, built on this machine from the stack config by the "
                + "program itself (MariaDB 10.11 from the rendered my.cnf and bootstrap SQL, the declared firewalls "
                + "enforced, controllers from their rendered config, SIMULATED Linode API, an emulated WAN, clients "
                + "that cache DNS); the primary region is killed at a seeded moment and the drill measures switch and "
                + "client RTO and lost acknowledged orders, then switches back. With --stack: a cloud drill.",
                "Exit 1 means the drill ran and an invariant failed (see problems); 2 bad input or it could not start."})
public final class DrillCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document on stdout (progress goes to stderr).")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report with an SVG timeline to DIR/index.html.")
    Path reportDir;

    @Option(names = "--semi-sync", description = "Lossless semi-synchronous replication (lost acknowledged orders must be 0).")
    boolean semiSync;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Repeat the drill N times; report median/p95 RTO and max loss (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the kill moment (reproducible timing); run i uses N+i. Default: time-based, printed.")
    Long seed;

    @Option(names = "--stack-config", paramLabel = "FILE", description = "The stack config the program builds the twin from (default: Pulumi.prod.yaml in the project directory).")
    Path stackConfig;

    @Option(names = "--regions", paramLabel = "A,B,...", split = ",", description = "Override shopdr:regions (primary first), e.g. us-east,eu-central,ap-south.")
    List<String> regions;

    @Option(names = "--rtt", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "One round-trip time between every two regions instead of Linode's table, e.g. 80ms.")
    Duration rtt;

    @Option(names = "--propagation", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest delay before a client's resolver sees a zone change (default ${DEFAULT-VALUE}).")
    Duration propagation;

    @Option(names = "--step-timeout", paramLabel = "DURATION", defaultValue = "90s", converter = DurationConverter.class,
            description = "Bound on each waiting step: failover, rejoin, switch back (default ${DEFAULT-VALUE}).")
    Duration stepTimeout;

    @Option(names = "--lock-file", paramLabel = "FILE", description = "Lock file that keeps a second drill from starting (default $TMPDIR/shopdr-drill.lock).")
    Path lockFile;

    @Option(names = "--fault", paramLabel = "NAME", defaultValue = "kill", completionCandidates = FaultNames.class,
            description = "The nemesis's fault (default ${DEFAULT-VALUE}): ${COMPLETION-CANDIDATES}.")
    String faultName;

    @Option(names = "--matrix", description = "Run every fault × {async, semi-sync} (--runs seeds per cell) with shrunk substrate timings (TTL 1 s, propagation 1 s, fault after 4-6 s, 3 TTL-honouring clients per region, clients waited for 60 s); with --json one document with a cells array.")
    boolean matrix;

    @Option(names = "--faults", paramLabel = "A,B,...", split = ",", description = "With --matrix: only these faults.")
    List<String> matrixFaults;

    @Option(names = "--stack", paramLabel = "STACK", description = "Cloud drill against this deployed stack (token from LINODE_TOKEN).")
    String stack;

    @Option(names = "--outputs", paramLabel = "FILE", description = "Cloud drill: the stack's outputs JSON (default: `pulumi stack output --json --show-secrets`).")
    Path outputs;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.linode.com/v4", description = "Cloud drill: Linode API base URL (default ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--undo", description = "Undo a cloud drill's outage from its undo plan (after a crash or Ctrl-C).")
    boolean undo;

    @Option(names = "--undo-file", paramLabel = "FILE", description = "Where the cloud drill writes its undo plan first (default $TMPDIR/shopdr-drill-undo.json).")
    Path undoFile;

    /** Where LINODE_TOKEN is read from (tests replace it; the token is never taken from the command line). */
    java.util.function.Function<String, String> env = System::getenv;

    /** Project directory holding Pulumi.<stack>.yaml (tests replace it). */
    Path projectDir = Path.of(".");

    @Override
    public Integer call() {
        HttpProbe.allowHostHeader();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (runs < 1) throw new DrillException("--runs must be at least 1, got " + runs);
            if (undo) return CloudDrill.undo(undoFile(), env.apply("LINODE_TOKEN"), apiUrl, out);
            if (stack != null) {
                return CloudDrill.fromCommandLine(stack, projectDir, outputs, undoFile(), env.apply("LINODE_TOKEN"),
                        apiUrl, json, reportDir, json ? err : out, out);
            }
            return twin(out, err);
        } catch (DrillException | StorefrontException e) {
            err.println("shopdr drill: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private Path undoFile() {
        return undoFile != null ? undoFile : CloudDrill.defaultUndoFile();
    }

    /** Held so the level sticks: the drill's own output says what matters; component warnings would drown it. */
    private static final java.util.logging.Logger AGENT_LOG = java.util.logging.Logger.getLogger("io.shopdr.agent");

    private int twin(PrintWriter out, PrintWriter err) {
        // --verbose (the CLI set io.shopdr to FINE) keeps the controllers' warnings: why a failover waited
        if (!java.util.logging.Logger.getLogger("io.shopdr").isLoggable(java.util.logging.Level.FINE)) {
            AGENT_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        long baseSeed = seed != null ? seed : System.currentTimeMillis() % 1_000_000;
        Path config = stackConfig != null ? stackConfig : projectDir.resolve("Pulumi.prod.yaml");
        if (!java.nio.file.Files.isReadable(config)) {
            throw new DrillException("--stack-config " + config + " does not exist or is not readable; pass the stack config"
                    + " file (e.g. Pulumi.prod.yaml) the twin is built from");
        }
        // validate every option before anything starts
        TwinDrillOptions base = TwinDrillOptions.defaults(config).withRegions(java.util.Optional.ofNullable(regions))
                .withNetwork(java.util.Optional.ofNullable(rtt), propagation);
        base = base.withTimings(base.recordTtl(), base.killAfterMin(), base.killAfterMax(), base.recoveryBound(),
                stepTimeout);
        PrintWriter progressOut = json ? err : out;
        PhaseHeartbeat progress = new PhaseHeartbeat(DrillProgress.printingTo(progressOut), Duration.ofSeconds(10));
        AtomicReference<TwinDrill> current = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            TwinDrill d = current.get();
            if (d != null) {
                progressOut.println("shopdr drill: interrupted; stopping every server the drill started…");
                progressOut.flush();
                d.abort();
            }
        }, "drill-ctrl-c");
        List<String> faults = matrix ? (matrixFaults != null ? matrixFaults : Nemesis.names()) : List.of(faultName);
        faults.forEach(Nemesis::fault); // a wrong name fails before anything starts
        if (matrix) base = base.withMatrixTimings();
        List<Boolean> modes = matrix ? List.of(false, true) : List.of(semiSync);
        List<DrillResult> results = new ArrayList<>();
        try (DrillLock lock = DrillLock.acquire(lockFile != null ? lockFile : DrillLock.defaultPath())) {
            Runtime.getRuntime().addShutdownHook(hook);
            for (String faultNamed : faults) {
                for (boolean semi : modes) {
                    for (int i = 0; i < runs; i++) {
                        TwinDrillOptions options = base.withReplication(semi, baseSeed + i);
                        progressOut.println((runs > 1 ? "run " + (i + 1) + "/" + runs + ": " : "") + "twin drill of "
                                + config.getFileName() + ", fault " + faultNamed + ", " + (semi ? "semi-sync" : "async")
                                + " replication, seed " + options.seed()
                                + " — each run builds its own world; the Linode API is SIMULATED");
                        progressOut.flush();
                        TwinDrill drill = new TwinDrill(options, Nemesis.fault(faultNamed), progress);
                        current.set(drill);
                        DrillResult r = drill.run();
                        current.set(null);
                        results.add(r);
                        if (!json) {
                            out.print(SummaryTable.render(r));
                            out.flush();
                        }
                    }
                }
            }
        } finally {
            progress.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook is running
            }
        }
        DrillSeries series = new DrillSeries(results);
        if (matrix && !json) out.print(MatrixTable.render(results));
        else if (runs > 1 && !json) out.print(SummaryTable.render(series));
        if (reportDir != null) {
            Path page = HtmlReport.write(reportDir, results, System.currentTimeMillis());
            progressOut.println("report: " + page.toAbsolutePath());
        }
        if (json) {
            try {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("ok", series.ok());
                doc.put("cells", results);
                out.println(mapper.writeValueAsString(matrix ? doc
                        : runs == 1 ? results.get(0) : series));
            } catch (Exception e) {
                throw new DrillException("could not write the JSON result: " + e.getMessage());
            }
        }
        out.flush();
        progressOut.flush();
        return series.ok() ? 0 : 1;
    }

    /** The fault names for --fault's help, from the nemesis itself. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Nemesis.names().iterator();
        }
    }
}
