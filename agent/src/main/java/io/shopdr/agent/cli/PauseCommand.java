package io.shopdr.agent.cli;

import io.shopdr.agent.failover.FailoverPause;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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
        description = "Pause automatic failover stack-wide until a time (it expires by itself).")
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

    @Option(names = "--until", required = true, paramLabel = "DURATION|INSTANT", converter = PauseEndConverter.class,
            description = "When the pause ends: a duration from now (30m, 2h, PT2H) or an ISO-8601 instant"
                    + " (2026-12-02T06:00:00Z); at most 7 days ahead.")
    PauseEnd until;

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
        Instant end = until.from(now);
        if (!end.isAfter(now)) throw new CommandLine.ParameterException(cl, "--until " + end + " is not in the future");
        if (end.isAfter(now.plus(LONGEST))) {
            throw new CommandLine.ParameterException(cl, "--until " + end + " is more than 7 days ahead: pause for at most a"
                    + " week and extend it if needed, so a forgotten pause cannot block a real failover");
        }
        if (reason.isBlank()) throw new CommandLine.ParameterException(cl, "--reason is empty: say why failover is paused");
        return control.run(cl, environment, "pause", (client, zone) -> {
            FailoverPause pause = FailoverPause.of(reason.strip(), end, ControlZone.operator(), now);
            pause.publish(client, zone);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("pause", pause);
            return new ControlZone.Result(ExitCode.OK, pause.describe() + "\nevery controller holds automatic failover until"
                    + " then; `shopdr resume --zone " + zone.domain() + "` ends it earlier", fields);
        });
    }

    /** The end of a pause as given: an instant, or a duration from when the command runs. */
    sealed interface PauseEnd permits At, After {
        Instant from(Instant now);
    }

    record At(Instant instant) implements PauseEnd {
        @Override
        public Instant from(Instant now) {
            return instant;
        }
    }

    record After(Duration duration) implements PauseEnd {
        @Override
        public Instant from(Instant now) {
            return now.plus(duration);
        }
    }

    /** {@code --until}: an ISO-8601 instant, else a duration in the one format of {@link DurationConverter}. */
    static final class PauseEndConverter implements CommandLine.ITypeConverter<PauseEnd> {
        @Override
        public PauseEnd convert(String value) {
            try {
                return new At(Instant.parse(value.trim()));
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return new After(new DurationConverter().convert(value));
                } catch (CommandLine.TypeConversionException notADuration) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is neither a duration (30m, 2h) nor an"
                            + " ISO-8601 instant (2026-12-02T06:00:00Z)");
                }
            }
        }
    }
}
