package io.shopdr.agent.cli;

import io.shopdr.agent.failover.ControllerConfig;
import io.shopdr.agent.failover.ControllerConfigFile;
import io.shopdr.agent.failover.ControllerListener;
import io.shopdr.agent.failover.ControllerMetricsServer;
import io.shopdr.agent.failover.EngineRegionDatabases;
import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.RegionDatabases;
import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.replication.Credentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr controller --region R --config FILE}: runs the failover controller of one region (or a witness)
 * until stopped. Secrets come only from the environment: {@code LINODE_TOKEN} (domains and firewall read_write),
 * {@code SHOPDR_DB_ADMIN_PASSWORD} and {@code SHOPDR_DB_REPLICATION_PASSWORD} (not needed by a witness). State
 * changes are logged (once each, by the controller); a finished incident is printed on stdout as JSON.
 */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Run the failover controller for one region (or a witness observer).")
public final class ControllerCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--region", required = true, description = "This controller's region, or a witness name from the config.")
    String region;

    @Option(names = "--config", required = true, description = "Controller config file (JSON, or YAML by .yaml/.yml).")
    Path config;

    @Option(names = "--api-url", defaultValue = "https://api.linode.com/v4", description = "Linode API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--metrics-port", description = "Serve /healthz and /metrics on this port (overrides the config; 0 = any free port).")
    Integer metricsPort;

    @Option(names = "--run-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 30s); default: run until terminated.")
    Duration runFor;

    public ControllerCommand() {
        this(System.getenv());
    }

    /** For tests: the environment secrets are read from. */
    ControllerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
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
        if (!cfg.isRegion(region) && !cfg.witnesses().contains(region)) {
            throw new CommandLine.ParameterException(cl, "--region " + region + " is neither a region " + cfg.regionNames()
                    + " nor a witness " + cfg.witnesses() + " of " + config);
        }
        LinodeClient linode = linodeClient(cl, environment, apiUrl);
        RegionDatabases databases = cfg.isRegion(region) ? databases(cl, cfg, region, environment) : null;
        FailoverController controller = new FailoverController(cfg, region, linode, cfg.isRegion(region) ? linode : null,
                databases, Clock.systemUTC());
        controller.addListener(new ControllerListener() {
            @Override
            public void incidentUpdated(Incident incident) {
                if (incident.outcome() != Incident.Outcome.IN_PROGRESS) {
                    out.println(java.time.Instant.now() + " incident " + incident.id() + " " + incident.outcome() + ":");
                    out.println(incident.toJson());
                    out.flush();
                }
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            controller.close();
            stopped.countDown();
        }, "shopdr-controller-shutdown");
        ControllerMetricsServer metrics = null;
        try {
            controller.start();
            int port = metricsPort != null ? metricsPort : cfg.metricsPort();
            if (metricsPort != null || cfg.metricsPort() > 0) {
                metrics = new ControllerMetricsServer(controller, databases, port);
                out.println("shopdr controller " + region + ": /healthz and /metrics on port " + metrics.port());
            }
            out.println("shopdr controller " + region + (controller.isWitness() ? " (witness)" : "") + " running; primary "
                    + controller.primaryRegion() + ", probing " + cfg.regionNames() + " every " + cfg.probeInterval().toMillis() + " ms");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            if (runFor == null) stopped.await();
            else stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            out.println("shopdr controller " + region + " stopped in state " + controller.state());
            return ExitCode.OK.code();
        } catch (LinodeApiException e) {
            err.println("shopdr controller: " + e.getMessage());
            return ExitCode.FAILED.code();
        } finally {
            if (metrics != null) metrics.close();
            controller.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never registered
            }
            out.flush();
        }
    }

    static LinodeClient linodeClient(CommandLine cl, Map<String, String> env, String apiUrl) {
        String token = SecretVariable.LINODE_TOKEN.read(cl, env::get, "scopes domains:read_write and firewall:read_write");
        try {
            return LinodeClient.builder().apiUrl(apiUrl).token(token).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The databases as {@code self}'s controller reaches them (null: by the config's {@code database} addresses). */
    static RegionDatabases databases(CommandLine cl, ControllerConfig cfg, String self, Map<String, String> env) {
        String admin = SecretVariable.DB_ADMIN_PASSWORD.read(cl, env::get, "user " + cfg.adminUser());
        String repl = SecretVariable.DB_REPLICATION_PASSWORD.read(cl, env::get, "user " + cfg.replicationUser());
        try {
            return new EngineRegionDatabases(cfg, self, new Credentials(cfg.adminUser(), admin),
                    new Credentials(cfg.replicationUser(), repl));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
