package io.shopdr.drill.cli;

import io.shopdr.agent.cli.CommandExtension;
import picocli.CommandLine;

/**
 * The drill module's subcommands of {@code shopdr}: {@code drill} and {@code dns simulate}, the two commands that run
 * the simulated world (registered through {@code META-INF/services}, so the agent alone does not have them).
 */
public final class DrillCommands implements CommandExtension {
    @Override
    public void extend(CommandLine shopdr) {
        shopdr.addSubcommand(new CommandLine(new DrillCommand(), shopdr.getFactory()));
        shopdr.getSubcommands().get("dns").addSubcommand(new CommandLine(new DnsSimulateCommand(), shopdr.getFactory()));
    }
}
