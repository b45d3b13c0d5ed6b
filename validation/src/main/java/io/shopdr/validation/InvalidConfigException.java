package io.shopdr.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration (component arguments, stack config, controller config) with at least one problem, carrying all
 * of them so the user fixes everything in one round. It is an {@link IllegalArgumentException}: bad input, reported
 * as its message (one line per problem), never as a stack trace.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private final String subject;
    private final List<Problem> problems;

    /**
     * @param subject  what was validated, e.g. {@code "ReplicatedDatabase arguments"} or {@code "stack config"}
     * @param problems at least one
     */
    public InvalidConfigException(String subject, List<Problem> problems) {
        super(render(subject, problems));
        if (problems.isEmpty()) throw new IllegalStateException("an InvalidConfigException needs at least one problem");
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    /** What was validated. */
    public String subject() {
        return subject;
    }

    /** Every problem, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(String subject, List<Problem> problems) {
        return "invalid " + subject + " (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
