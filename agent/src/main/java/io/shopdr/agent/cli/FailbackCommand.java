package io.shopdr.agent.cli;

import io.shopdr.agent.failover.ControllerConfig;
import io.shopdr.agent.failover.ControllerConfigFile;
import io.shopdr.agent.failover.Failback;
import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.IncidentLog;
import io.shopdr.agent.failover.RegionDatabases;
import io.shopdr.agent.failover.TimelineEntry;
import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.agent.linode.LinodeClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr failback --to REGION --config FILE}: the operator's planned, loss-free move of the primary back to
 * a region after a failover — the region's database rejoins and catches up, the switchover happens with writes
 * stopped, then the shop's records move. Secrets from the environment as for {@code shopdr controller}.
 */
@Command(name = "failback", mixinStandardHelpOptions = true,
        description = "Operator-triggered planned failback (switchover + DNS, no data loss) to a region.")
public final class FailbackCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", required = true, description = "Region to move the primary to (usually the original primary).")
    String to;

    @Option(names = "--config", required = true, description = "The controllers' config file (JSON or YAML).")
    Path config;

    @Option(names = "--api-url", defaultValue = "https://api.linode.com/v4", description = "Linode API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long the region may take to catch up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the incident (timeline, outcome) as one JSON document on stdout.")
    boolean json;

    public FailbackCommand() {
        this(System.getenv());
    }

    /** For tests: the environment secrets are read from. */
    FailbackCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        HttpProbe.allowHostHeader();
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        ControllerConfig cfg;
        try {
            cfg = ControllerConfigFile.read(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (!cfg.isRegion(to)) {
            throw new CommandLine.ParameterException(cl, "--to " + to + " is not a region of " + config + "; regions: " + cfg.regionNames());
        }
        LinodeClient linode = ControllerCommand.linodeClient(cl, environment, apiUrl);
        RegionDatabases databases = ControllerCommand.databases(cl, cfg, null, environment);
        Incident incident;
        try {
            IncidentLog log = new IncidentLog("operator", Clock.systemUTC(), cfg.incidentDir());
            try (HttpProbe probe = HttpProbe.withDomainVerification(cfg.connectTimeout(), cfg.readTimeout(), cfg.hostHeader(),
                    null, "shopdr-failback")) {
                incident = new Failback(cfg, linode, linode, databases, Clock.systemUTC(), "shopdr failback", log,
                        FailoverController.ingressHealthy(cfg, probe)).run(to, timeout);
            }
        } catch (LinodeApiException e) {
            err.println("shopdr failback: " + e.getMessage());
            err.flush();
            if (json) {
                out.println(ReplicationCommand.json(java.util.Map.of("ok", false, "to", to, "error", e.getMessage())));
                out.flush();
            }
            return ExitCode.FAILED.code();
        }
        boolean completed = incident.outcome() == Incident.Outcome.COMPLETED;
        if (json) {
            out.println(incident.toJson());
            out.flush();
            return completed ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
        PrintWriter w = completed ? out : err;
        for (TimelineEntry e : incident.timeline()) w.println(e.at() + "  " + e.event());
        w.println("failback " + (incident.fromRegion() == null ? "" : incident.fromRegion() + " -> ") + to + ": "
                + incident.outcome() + (incident.outcome() == Incident.Outcome.COMPLETED ? " (0 transactions lost)" : ""));
        w.flush();
        return completed ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
