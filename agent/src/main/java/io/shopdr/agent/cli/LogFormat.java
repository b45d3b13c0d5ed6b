package io.shopdr.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * How log records look on stderr ({@code --log-format}): one line each, as text for people or as JSON lines for a
 * log pipeline. SLF4J reaches these through slf4j-jdk14 and java.util.logging.
 */
public enum LogFormat {
    /** {@code 2026-12-02T10:00:00.123Z INFO  FailoverController: message}; an exception adds its one-line summary. */
    TEXT {
        @Override
        Formatter formatter(boolean stackTraces) {
            return new Formatter() {
                @Override
                public String format(LogRecord r) {
                    StringBuilder sb = new StringBuilder().append(r.getInstant()).append(' ')
                            .append(String.format("%-5s ", level(r))).append(shortName(r.getLoggerName())).append(": ")
                            .append(formatMessage(r).replace('\n', ' '));
                    if (r.getThrown() != null) {
                        sb.append(" (").append(r.getThrown()).append(')');
                        if (stackTraces) sb.append(System.lineSeparator()).append(stackTrace(r.getThrown()).stripTrailing());
                    }
                    return sb.append(System.lineSeparator()).toString();
                }
            };
        }
    },
    /** One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code thread}, {@code message}, {@code error}. */
    JSON {
        @Override
        Formatter formatter(boolean stackTraces) {
            ObjectMapper json = new ObjectMapper();
            return new Formatter() {
                @Override
                public String format(LogRecord r) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("time", Instant.ofEpochMilli(r.getMillis()).toString());
                    line.put("level", level(r));
                    line.put("logger", r.getLoggerName());
                    line.put("thread", Thread.currentThread().getName());
                    line.put("message", formatMessage(r));
                    if (r.getThrown() != null) {
                        line.put("error", r.getThrown().toString());
                        if (stackTraces) line.put("stackTrace", stackTrace(r.getThrown()));
                    }
                    try {
                        return json.writeValueAsString(line) + System.lineSeparator();
                    } catch (JsonProcessingException e) {
                        return "{\"level\":\"ERROR\",\"message\":\"unloggable record\"}" + System.lineSeparator();
                    }
                }
            };
        }
    };

    /** A formatter of this format; {@code stackTraces} (from {@code --verbose}) adds exceptions' stack traces. */
    abstract Formatter formatter(boolean stackTraces);

    /** SLF4J's level names for java.util.logging's levels (slf4j-jdk14 maps debug to FINE, trace to FINEST). */
    static String level(LogRecord r) {
        int v = r.getLevel().intValue();
        if (v >= 1000) return "ERROR";
        if (v >= 900) return "WARN";
        if (v >= 800) return "INFO";
        if (v >= 500) return "DEBUG";
        return "TRACE";
    }

    private static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }

    private static String stackTrace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }
}
