package io.shopdr.agent.cli;

import picocli.CommandLine;

/**
 * Subcommands another module adds to the {@code shopdr} command line. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.shopdr.agent.cli.CommandExtension}): the drill module
 * registers {@code drill} and {@code dns simulate}, so {@code ./shopdr} (which runs with the drill on its classpath)
 * has them while the controller image, which holds only the agent, has neither.
 */
public interface CommandExtension {
    /** Adds this module's subcommands to {@code shopdr}, the root command line. */
    void extend(CommandLine shopdr);
}
