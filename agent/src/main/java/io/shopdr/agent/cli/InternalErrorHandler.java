package io.shopdr.agent.cli;

import io.shopdr.validation.InvalidConfigException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * An invalid configuration ({@link InvalidConfigException}: a config file or settings a command validated) is the
 * user's to fix: every problem, one per line, and {@link ExitCode#USAGE}. Any other exception is one no command expected (a bug, or a failure nobody turned into a message yet): one line naming it, the
 * hint to rerun with {@code --verbose}, and {@link ExitCode#INTERNAL}; the stack trace only with {@code --verbose}.
 */
final class InternalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final BooleanSupplier verbose;

    InternalErrorHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (e instanceof InvalidConfigException invalid) {
            err.println(cl.getCommandSpec().qualifiedName() + ": " + invalid.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        if (verbose.getAsBoolean()) {
            e.printStackTrace(err);
        } else {
            err.println("internal error, rerun with --verbose for the stack trace");
        }
        err.flush();
        return ExitCode.INTERNAL.code();
    }
}
