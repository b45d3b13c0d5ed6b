package io.shopdr.agent.cli;

import io.shopdr.agent.failover.FailoverEvent;
import io.shopdr.agent.failover.LossAcceptance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr failover --accept-loss}: the operator's consent to a failover the acting controller holds because its
 * expected loss exceeds the loss budget. It writes the consent for the held primary into the zone; the acting
 * controller promotes at its next cycle (the consent is valid for 15 minutes).
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Let a held automatic failover go ahead despite its expected data loss (--accept-loss); refused"
                + " when no failover is held.")
public final class FailoverCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ControlZone control = new ControlZone();

    @Option(names = "--accept-loss", description = "Accept the expected loss the held failover reported.")
    boolean acceptLoss;

    public FailoverCommand() {
        this(System.getenv());
    }

    FailoverCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!acceptLoss) {
            throw new CommandLine.ParameterException(cl, "pass --accept-loss: failover only lets a held automatic failover"
                    + " go ahead (the controllers fail over by themselves within the loss budget)");
        }
        return control.run(cl, environment, "failover", (client, zone) -> {
            FailoverEvent held = FailoverEvent.in(client.records(zone));
            if (held == null || !held.heldFailover()) {
                String seen = held == null ? "nothing" : held.kind() + " " + held.phase() + " by " + held.by();
                return new ControlZone.Result(ExitCode.FAILED, "no failover is being held in " + zone.domain()
                        + " (the event record says " + seen + "); nothing to accept",
                        Map.of("error", "no failover is being held", "event", seen));
            }
            LossAcceptance consent = LossAcceptance.of(held.from(), ControlZone.operator(), Instant.now());
            consent.publish(client, zone);
            Instant expires = Instant.parse(consent.at()).plus(LossAcceptance.VALIDITY);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("accepted", consent);
            fields.put("heldBy", held.by());
            fields.put("expires", expires.toString());
            return new ControlZone.Result(ExitCode.OK, "accepted the expected loss of failing over " + held.from()
                    + " (held by " + held.by() + " since " + held.at() + "); the acting controller promotes at its next"
                    + " cycle. The consent expires at " + expires, fields);
        });
    }
}
