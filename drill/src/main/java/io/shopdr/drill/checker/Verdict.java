package io.shopdr.drill.checker;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** One invariant's outcome: whether it held and the evidence (counts, ids, moments) it was judged on. */
public record Verdict(@JsonProperty("pass") boolean pass, @JsonProperty("evidence") String evidence) {
    public Verdict {
        Objects.requireNonNull(evidence, "evidence");
    }

    public static Verdict pass(String evidence) {
        return new Verdict(true, evidence);
    }

    public static Verdict fail(String evidence) {
        return new Verdict(false, evidence);
    }
}
