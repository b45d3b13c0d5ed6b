package io.shopdr.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every {@link Problem} of one configuration, so validation reports all failures at once instead of the
 * first one (the model: AWS CDK's {@code validate-database-cluster-props.ts}, a table of rules run in full), then
 * {@link #throwIfAny()} turns them into one {@link InvalidConfigException}.
 */
public final class Problems {
    private final String subject;
    private final List<Problem> found = new ArrayList<>();

    /** @param subject what is validated, e.g. {@code "FailoverDns arguments"}; it heads the exception's message */
    public Problems(String subject) {
        this.subject = subject;
    }

    /** Records a problem. */
    public Problems add(String field, String problem, String fix) {
        found.add(new Problem(field, problem, fix));
        return this;
    }

    /** Records a problem unless {@code valid}; returns {@code valid}, so a dependent check can be skipped. */
    public boolean require(boolean valid, String field, String problem, String fix) {
        if (!valid) add(field, problem, fix);
        return valid;
    }

    /** Records problems found elsewhere (e.g. by a nested value's own validation). */
    public Problems addAll(List<Problem> problems) {
        found.addAll(problems);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems so far, in the order found. */
    public List<Problem> list() {
        return List.copyOf(found);
    }

    /** @throws InvalidConfigException carrying every problem, when there is one */
    public void throwIfAny() {
        if (!found.isEmpty()) throw new InvalidConfigException(subject, found);
    }
}
