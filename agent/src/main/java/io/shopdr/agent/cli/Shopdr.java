package io.shopdr.agent.cli;

import io.shopdr.agent.BuildInfo;
import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code shopdr} command line: one picocli subcommand per operator task, each in its own class, under one
 * contract: exit codes from {@link ExitCode} (listed in every {@code --help}), user errors as one message plus a
 * usage hint ({@link UserErrorHandler}), unexpected failures as one line unless {@code --verbose}
 * ({@link InternalErrorHandler}), secrets from {@link SecretVariable}s, time options through
 * {@link DurationConverter}, logs on stderr in {@link LogFormat}.
 */
@Command(name = "shopdr", mixinStandardHelpOptions = true, versionProvider = Shopdr.Version.class,
        description = "Keeps an online store serving through the loss of a whole Linode region.",
        subcommands = {
                ReplicationCommand.class,
                PostDeployHookCommand.class,
                DnsCommand.class,
                ControllerCommand.class,
                FailbackCommand.class,
                StorefrontCommand.class,
                CompletionCommand.class,
                FailoverCommand.class,
                PauseCommand.class,
                ResumeCommand.class,
        })
public final class Shopdr implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Debug logging, and the stack trace of an internal error.")
    boolean verbose;

    @Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "text",
            converter = LogFormatConverter.class,
            description = "Log records on stderr, one per line: text or json (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

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
     * environment), plus every {@link CommandExtension} on the classpath, under the one contract (exit codes in
     * every help, error handlers, logging set up before a command runs).
     */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        Shopdr root = new Shopdr();
        CommandLine shopdr = new CommandLine(root, factory);
        ServiceLoader.load(CommandExtension.class).forEach(extension -> extension.extend(shopdr));
        listExitCodes(shopdr, new HashSet<>());
        shopdr.setParameterExceptionHandler(new UserErrorHandler());
        shopdr.setExecutionExceptionHandler(new InternalErrorHandler(() -> root.verbose));
        shopdr.setExecutionStrategy(parseResult -> {
            ConsoleLogging.install(root.logFormat, root.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return shopdr;
    }

    /** Every command's help ends with the same exit-code list, generated from {@link ExitCode}. */
    private static void listExitCodes(CommandLine command, Set<CommandLine> seen) {
        if (!seen.add(command)) return;
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        command.getSubcommands().values().forEach(sub -> listExitCodes(sub, seen));
    }

    public static void main(String[] args) {
        io.shopdr.agent.health.HttpProbe.allowHostHeader();
        System.exit(commandLine().execute(args));
    }

    /** {@code shopdr --version}: the version Maven built (never a literal in the code). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"shopdr " + BuildInfo.version(), "Java " + System.getProperty("java.version")};
        }
    }

    /** {@code --log-format text|json}, case-insensitive, with the choices in the error message. */
    static final class LogFormatConverter implements CommandLine.ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            for (LogFormat f : LogFormat.values()) if (f.name().equalsIgnoreCase(value)) return f;
            throw new CommandLine.TypeConversionException("'" + value + "' is not a log format; use text or json");
        }
    }
}
