package io.shopdr.drill;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One measured figure of a drill (milliseconds or a count): known, or unknown with the reason why (the step never
 * happened, the source cannot tell, this kind of drill does not measure it). JSON writes the number or {@code null};
 * the reason goes to the summary and, where the contract names one, to its own JSON field.
 */
public final class Figure {
    private final OptionalLong value;
    private final String unknownReason;

    private Figure(OptionalLong value, String unknownReason) {
        this.value = value;
        this.unknownReason = unknownReason;
    }

    public static Figure of(long value) {
        return new Figure(OptionalLong.of(value), null);
    }

    public static Figure unknown(String why) {
        return new Figure(OptionalLong.empty(), Objects.requireNonNull(why, "why"));
    }

    /** The duration from {@code fromMs} to {@code atMs} (never negative), or unknown for the reason given. */
    public static Figure between(Figure fromMs, OptionalLong atMs, String whyUnknown) {
        if (fromMs.isUnknown()) return unknown(fromMs.unknownReason);
        return atMs.isPresent() ? of(Math.max(0, atMs.getAsLong() - fromMs.getAsLong())) : unknown(whyUnknown);
    }

    /** The nearest-rank percentile {@code p} of {@code values}, or unknown with {@code whyEmpty} when there are none. */
    public static Figure percentile(Collection<Long> values, double p, String whyEmpty) {
        if (values.isEmpty()) return unknown(whyEmpty);
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }

    public OptionalLong value() {
        return value;
    }

    public boolean isKnown() {
        return value.isPresent();
    }

    public boolean isUnknown() {
        return value.isEmpty();
    }

    /** The value; throws when unknown (check {@link #isKnown()} first). */
    public long getAsLong() {
        return value.getAsLong();
    }

    /** Why the figure is unknown, or null when it is known. */
    public String unknownReason() {
        return unknownReason;
    }

    /** The JSON form: the number, or null when unknown. */
    @JsonValue
    public Long jsonValue() {
        return value.isPresent() ? value.getAsLong() : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && value.equals(f.value) && Objects.equals(unknownReason, f.unknownReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, unknownReason);
    }

    @Override
    public String toString() {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "unknown (" + unknownReason + ")";
    }
}
