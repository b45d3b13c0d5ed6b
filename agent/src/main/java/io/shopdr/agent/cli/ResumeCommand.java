package io.shopdr.agent.cli;

import io.shopdr.agent.failover.FailoverPause;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shopdr resume}: ends a pause of automatic failover before it expires (deletes the zone's pause record). */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "End a pause of automatic failover (done also when nothing was paused).")
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
        return control.run(spec.commandLine(), environment, "resume", (client, zone) -> {
            FailoverPause before = FailoverPause.in(client.records(zone));
            boolean deleted = FailoverPause.lift(client, zone);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("resumed", deleted);
            fields.put("pause", before);
            String text = deleted ? "automatic failover resumed" + (before == null ? "" : " (was: " + before.describe() + ")")
                    : "automatic failover was not paused in " + zone.domain() + ": nothing to do";
            return new ControlZone.Result(ExitCode.OK, text, fields);
        });
    }
}
