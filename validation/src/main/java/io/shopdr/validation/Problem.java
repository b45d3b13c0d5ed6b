package io.shopdr.validation;

import java.util.Objects;

/**
 * One thing wrong with a configuration: the field it is in (its path, e.g. {@code regions[1]} or
 * {@code shopdr:failover.probeScheme}), what is wrong with the value, and how to fix it. Rendered as
 * {@code field: problem; fix}, the one message shape of every shopdr validation error.
 *
 * @param field   the field's path as the user wrote it
 * @param problem what is wrong (quotes the bad value, never a secret)
 * @param fix     what to do instead; empty when the problem says it all
 */
public record Problem(String field, String problem, String fix) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        fix = fix == null ? "" : fix;
    }

    /** {@code field: problem; fix}. */
    @Override
    public String toString() {
        return field + ": " + problem + (fix.isEmpty() ? "" : "; " + fix);
    }
}
