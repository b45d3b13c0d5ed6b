package io.shopdr.drill;

import io.shopdr.drill.report.SummaryTable;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Receives the drill's progress: phases as they start and finish, and notes worth a line. The terminal printer
 * writes one line per event; {@link #SILENT} is for tests and {@code --json} runs that want stdout clean.
 */
public interface DrillProgress {
    void phaseStarted(String name, long tMs);

    void phaseFinished(DrillPhase phase);

    void note(String message, long tMs);

    DrillProgress SILENT = new DrillProgress() {
        @Override public void phaseStarted(String name, long tMs) {}
        @Override public void phaseFinished(DrillPhase phase) {}
        @Override public void note(String message, long tMs) {}
    };

    /** One line per event on {@code out}, with the drill clock in seconds. */
    static DrillProgress printingTo(PrintWriter out) {
        return new DrillProgress() {
            @Override
            public void phaseStarted(String name, long tMs) {
                out.printf(Locale.ROOT, "[%7.2fs] ▶ %s%n", tMs / 1000.0, name);
                out.flush();
            }

            @Override
            public void phaseFinished(DrillPhase p) {
                out.printf(Locale.ROOT, "[%7.2fs]   %s %s (%s)%s%n", p.endMs() / 1000.0, p.ok() ? "✔" : "✘", p.name(),
                        SummaryTable.ms(p.durationMs()), p.detail().isEmpty() ? "" : " — " + p.detail());
                out.flush();
            }

            @Override
            public void note(String message, long tMs) {
                out.printf(Locale.ROOT, "[%7.2fs]   · %s%n", tMs / 1000.0, message);
                out.flush();
            }
        };
    }
}
