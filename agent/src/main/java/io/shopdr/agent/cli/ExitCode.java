package io.shopdr.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code shopdr} command, one meaning each. Every {@code --help} lists them (generated from
 * this enum by {@link Shopdr}), and scripts and the post-deploy Job branch on them.
 */
public enum ExitCode {
    /** The command did what was asked and its goal holds. */
    OK(0, "done: the goal holds"),
    /** Refused or failed: a server, the Linode API or an invariant said no; the message names what and the fix. */
    FAILED(1, "refused or failed: the message names what and the fix"),
    /** Bad usage: unknown or missing option, malformed value, unset secret variable, unreadable input file. */
    USAGE(2, "bad usage: an option, a value, an input file or a secret variable (the message says which)"),
    /** Ran to the end, but what it checks is not healthy (e.g. a replica not running or lagging). */
    UNHEALTHY(3, "ran, but the result is not healthy (e.g. a replica is not running or lags)"),
    /** A bug: an unexpected exception. One line is printed; {@code --verbose} adds the stack trace. */
    INTERNAL(70, "internal error: rerun with --verbose and report the stack trace");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What the code means, as {@code --help} shows it. */
    public String meaning() {
        return meaning;
    }

    /** The list picocli prints under "Exit codes:" (right-aligned codes, in order). */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : values()) list.put(String.format("%3d", c.code), c.meaning);
        return list;
    }
}
