package io.shopdr.agent.cli;

import io.shopdr.agent.failover.ControllerConfigFile;
import io.shopdr.agent.failover.FailoverPause;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr pause}: stops automatic failover stack-wide until a given time, with a reason every controller shows
 * (state, metrics, {@code dns show}). The pause is a TXT record in the shop's zone and expires by itself, so a
 * forgotten pause cannot block a real failover forever; at most {@link #LONGEST} ahead.
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause automatic failover stack-wide until a time (it expires by itself). Exit codes: 0 paused,"
                + " 1 Linode API failure, 2 usage error.")
public final class PauseCommand implements Callable<Integer> {
    /** The longest pause: a week covers any maintenance and still expires. */
    static final Duration LONGEST = Duration.ofDays(7);

    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ControlZone control = new ControlZone();

    @Option(names = "--reason", required = true, description = "Why (shown by every controller), e.g. \"backup restore test\".")
    String reason;

    @Option(names = "--until", required = true, description = "When the pause ends: a duration from now (30m, 2h) or an"
            + " ISO-8601 instant (2026-12-02T06:00:00Z); at most 7 days ahead.")
    String until;

    public PauseCommand() {
        this(System.getenv());
    }

    PauseCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Instant now = Instant.now();
        Instant end = parseUntil(cl, now);
        if (reason.isBlank()) throw new CommandLine.ParameterException(cl, "--reason is empty: say why failover is paused");
        return control.run(cl, environment, "pause", (client, zone) -> {
            FailoverPause pause = FailoverPause.of(reason.strip(), end, ControlZone.operator(), now);
            pause.publish(client, zone);
            cl.getOut().println(pause.describe());
            cl.getOut().println("every controller holds automatic failover until then; `shopdr resume --zone " + zone.domain()
                    + "` ends it earlier");
            cl.getOut().flush();
            return 0;
        });
    }

    private Instant parseUntil(CommandLine cl, Instant now) {
        Instant end;
        try {
            end = until.contains("T") ? Instant.parse(until.trim()) : now.plus(ControllerConfigFile.parseDuration("--until", until));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(cl, "--until '" + until + "' is neither a duration (30m, 2h) nor an"
                    + " ISO-8601 instant (2026-12-02T06:00:00Z)");
        }
        if (!end.isAfter(now)) throw new CommandLine.ParameterException(cl, "--until " + end + " is not in the future");
        if (end.isAfter(now.plus(LONGEST))) {
            throw new CommandLine.ParameterException(cl, "--until " + end + " is more than 7 days ahead: pause for at most a"
                    + " week and extend it if needed, so a forgotten pause cannot block a real failover");
        }
        return end;
    }
}
