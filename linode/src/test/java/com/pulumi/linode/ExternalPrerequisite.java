package com.pulumi.linode;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test input that lives outside the repository (../shared/schemas, Prism): missing on a developer's machine the
 * test is reported as skipped with the fix; missing under CI ({@code CI=true}, as GitHub Actions and .ci/run set) it
 * fails, so a contract check can never pass by not running.
 */
public final class ExternalPrerequisite {
    private ExternalPrerequisite() {}

    /** Skips (locally) or fails (under CI) with {@code whyMissing} unless {@code present}. */
    public static void require(boolean present, String whyMissing) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and a contract test's input is missing: " + whyMissing);
        }
        Assumptions.abort(whyMissing);
    }
}
