package io.shopdr.agent.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shopdr} command line: one picocli subcommand per operator task, each in its own class. */
@Command(name = "shopdr", mixinStandardHelpOptions = true, version = "shopdr 0.1.0",
        description = "Keeps an online store serving through the loss of a whole Linode region.",
        subcommands = {
                ReplicationCommand.class,
                PostDeployHookCommand.class,
                DnsCommand.class,
                ControllerCommand.class,
                FailbackCommand.class,
                StorefrontCommand.class,
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
        return commandLine(CommandLine.defaultFactory());
    }

    /**
     * Builds the command line with {@code factory} creating the subcommands (tests give commands their own
     * environment), plus every {@link CommandExtension} on the classpath.
     */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine shopdr = new CommandLine(new Shopdr(), factory);
        ServiceLoader.load(CommandExtension.class).forEach(extension -> extension.extend(shopdr));
        return shopdr;
    }

    public static void main(String[] args) {
        io.shopdr.agent.health.HttpProbe.allowHostHeader();
        System.exit(commandLine().execute(args));
    }
}
