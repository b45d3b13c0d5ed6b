package io.shopdr.agent.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The environment variables secrets come from: one name per secret across every command, the chart and the
 * controllers {@code FailoverDns} deploys. Secrets are never options (they would land in shell history and process
 * lists). A name used before 0.1.0 is still read, with a warning, for one release.
 */
public enum SecretVariable {
    /** A Linode personal access token (domains and firewall read_write for the controller). */
    LINODE_TOKEN("LINODE_TOKEN", "a Linode personal access token"),
    /** The database admin user's password (replication setup, fencing, promotion). */
    DB_ADMIN_PASSWORD("SHOPDR_DB_ADMIN_PASSWORD", "the database admin user's password", "SHOPDR_ADMIN_PASSWORD"),
    /** The replication user's password. */
    DB_REPLICATION_PASSWORD("SHOPDR_DB_REPLICATION_PASSWORD", "the replication user's password", "SHOPDR_REPL_PASSWORD"),
    /** The store's application database user's password. */
    DB_APP_PASSWORD("SHOPDR_DB_APP_PASSWORD", "the store's database user's password", "SHOPDR_APP_PASSWORD");

    private final String name;
    private final String what;
    private final List<String> deprecatedNames;

    SecretVariable(String name, String what, String... deprecatedNames) {
        this.name = name;
        this.what = what;
        this.deprecatedNames = List.of(deprecatedNames);
    }

    /** The variable's name, e.g. {@code SHOPDR_DB_ADMIN_PASSWORD}. */
    public String variable() {
        return name;
    }

    /** Names still read in this release, with a warning. */
    public List<String> deprecatedNames() {
        return deprecatedNames;
    }

    /**
     * The secret from {@code environment}, or a usage error naming the variable to export ({@code purpose} says why
     * it is needed, e.g. "user admin"). A deprecated name that is set prints a warning on {@code cl}'s stderr.
     */
    public String read(CommandLine cl, Function<String, String> environment, String purpose) {
        String value = environment.apply(name);
        if (value != null && !value.isBlank()) return value;
        for (String old : deprecatedNames) {
            value = environment.apply(old);
            if (value != null && !value.isBlank()) {
                PrintWriter err = cl.getErr();
                err.println("warning: " + old + " is deprecated and will stop being read in the next release: rename it to " + name);
                err.flush();
                return value;
            }
        }
        throw new CommandLine.ParameterException(cl, name + " is not set: export " + what
                + (purpose == null || purpose.isEmpty() ? "" : " (" + purpose + ")") + " in " + name
                + " (secrets are never taken on the command line)");
    }
}
