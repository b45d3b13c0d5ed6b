package io.shopdr.drill.cli;

import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillProgress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live progress on the terminal while a drill phase takes long (the first start of the MariaDB servers unpacks and
 * initialises them, which can take a minute): a "still …" note every {@code every} until the phase finishes, so a
 * quiet terminal never looks hung. Wraps the printing {@link DrillProgress}; phases are sequential.
 */
final class PhaseHeartbeat implements DrillProgress, AutoCloseable {
    private final DrillProgress delegate;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drill-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> beat;
    private long phase; // which phase a beat belongs to: a beat that lost the race with phaseFinished stays quiet

    PhaseHeartbeat(DrillProgress delegate, Duration every) {
        this.delegate = delegate;
        this.every = every;
    }

    @Override
    public synchronized void phaseStarted(String name, long tMs) {
        delegate.phaseStarted(name, tMs);
        stopBeat();
        long startedNanos = System.nanoTime();
        long mine = phase;
        beat = timer.scheduleAtFixedRate(() -> {
            synchronized (this) {
                if (phase != mine) return;
                long elapsedMs = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
                delegate.note("still " + name + "… " + elapsedMs / 1000 + " s", tMs + elapsedMs);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void phaseFinished(DrillPhase phase) {
        stopBeat();
        delegate.phaseFinished(phase);
    }

    @Override
    public void note(String message, long tMs) {
        delegate.note(message, tMs);
    }

    private void stopBeat() {
        phase++;
        if (beat != null) beat.cancel(false);
        beat = null;
    }

    @Override
    public synchronized void close() {
        stopBeat();
        timer.shutdownNow();
    }
}
