package io.shopdr.agent.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Where the command line sends log records: one handler on java.util.logging's root logger writing to stderr in the
 * chosen {@link LogFormat}; INFO and above, or DEBUG for shopdr's own loggers with {@code --verbose}. Installed once
 * per run, before the command executes, replacing the JDK's default two-line console format.
 */
final class ConsoleLogging {
    /** shopdr's own loggers (agent, drill, sim); the JDK's and libraries' stay at INFO even with --verbose. */
    static final String SHOPDR_LOGGERS = "io.shopdr";

    private static final Logger SHOPDR = Logger.getLogger(SHOPDR_LOGGERS); // held: JUL keeps only weak references

    private ConsoleLogging() {}

    static void install(LogFormat format, boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler console = new ConsoleHandler(); // System.err
        console.setFormatter(format.formatter(verbose));
        console.setLevel(verbose ? Level.FINE : Level.INFO);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        SHOPDR.setLevel(verbose ? Level.FINE : Level.INFO);
    }
}
