package io.shopdr.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shopdr} command line: one picocli subcommand per operator task, each in its own class. */
@Command(name = "shopdr", mixinStandardHelpOptions = true, version = "shopdr 0.1.0",
        description = "Keeps an online store serving through the loss of a whole Linode region.",
        subcommands = {
                ReplicationCommand.class,
                ReplicateCommand.class,
                DnsCommand.class,
                ControllerCommand.class,
                FailbackCommand.class,
                FailoverCommand.class,
                PauseCommand.class,
                ResumeCommand.class,
                DrillCommand.class,
        })
public final class Shopdr implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command line (tests drive it in process with their own output streams). */
    public static CommandLine commandLine() {
        return new CommandLine(new Shopdr());
    }

    public static void main(String[] args) {
        io.shopdr.agent.health.HttpProbe.allowHostHeader();
        System.exit(commandLine().execute(args));
    }
}
