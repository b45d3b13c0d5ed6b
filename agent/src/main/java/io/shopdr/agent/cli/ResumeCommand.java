package io.shopdr.agent.cli;

import io.shopdr.agent.failover.FailoverPause;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shopdr resume}: ends a pause of automatic failover before it expires (deletes the zone's pause record). */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "End a pause of automatic failover. Exit codes: 0 resumed (or nothing was paused), 1 Linode API"
                + " failure, 2 usage error.")
public final class ResumeCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ControlZone control = new ControlZone();

    public ResumeCommand() {
        this(System.getenv());
    }

    ResumeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        return control.run(cl, environment, "resume", (client, zone) -> {
            FailoverPause before = FailoverPause.in(client.records(zone));
            boolean deleted = FailoverPause.lift(client, zone);
            cl.getOut().println(deleted ? "automatic failover resumed" + (before == null ? "" : " (was: " + before.describe() + ")")
                    : "automatic failover was not paused in " + zone.domain() + ": nothing to do");
            cl.getOut().flush();
            return 0;
        });
    }
}
