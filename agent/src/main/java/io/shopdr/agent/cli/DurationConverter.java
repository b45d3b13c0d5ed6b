package io.shopdr.agent.cli;

import io.shopdr.agent.failover.ControllerConfigFile;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The one duration format of every time option, the same as the controller's config file: a whole number with a
 * unit ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}) or ISO-8601 ({@code PT30S}). A bare number is refused,
 * so {@code --timeout 60} cannot be read as milliseconds by one command and seconds by another.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = ControllerConfigFile.parseDuration("duration", value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write a number with a unit,"
                    + " e.g. 500ms, 30s, 2m, 1h (or ISO-8601 PT30S)");
        }
        if (d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative; a duration is 0 or more, e.g. 30s");
        }
        return d;
    }

    /** A duration as the options take it back ({@code 30s}, {@code 1500ms}), for messages and {@code --help}. */
    public static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
        long s = d.toSeconds();
        if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
        if (s != 0 && s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
