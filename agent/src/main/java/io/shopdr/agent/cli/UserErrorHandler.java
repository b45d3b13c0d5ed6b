package io.shopdr.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Every user error of every command (a {@link CommandLine.ParameterException}, thrown by picocli while parsing or
 * by a command that found its input wrong): the message, a "did you mean" for a mistyped option, a pointer to
 * {@code --help}, and {@link ExitCode#USAGE}. Never a stack trace.
 */
final class UserErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
