package io.shopdr.drill.nemesis;

import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.TimelineEntry;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code controller-crash}: the primary region dies, and the acting controller — the standby region's — dies in turn
 * between its promotion and its DNS switch ({@link ProcessDeath.Point#DNS_SWITCH}), then restarts {@link #RESTART_AFTER} later
 * as a new process, remembering nothing. Nothing may stay half-applied: the restarted controller must finish the
 * failover by itself (DNS to the region already promoted, no second promotion), which the drill's convergence check
 * then holds it to; {@link #afterFailover} says whether it did.
 */
final class ControllerCrash implements Fault {
    /** How long the dead controller stays down before its process is started again (a supervisor's restart delay). */
    static final Duration RESTART_AFTER = Duration.ofSeconds(5);
    /** How long the nemesis waits for the controller to reach its crash point (beyond any step timeout). */
    private static final Duration CRASH_WAIT = Duration.ofMinutes(5);

    private final CountDownLatch died = new CountDownLatch(1);
    private volatile Instant diedAt;
    private volatile Instant restartedAt;
    private volatile String restartFailed;

    @Override
    public String name() {
        return "controller-crash";
    }

    @Override
    public Optional<String> arm(TwinWorld world, String primary) {
        String standby = Nemesis.standby(world, primary);
        world.controllers().restartWithEdge(standby, new ProcessDeath(() -> {
            diedAt = Instant.now();
            died.countDown();
        }).arm(ProcessDeath.Point.DNS_SWITCH).edge());
        return Optional.of(standby + "'s controller restarted with a crash point at its first address-record write");
    }

    @Override
    public String inject(TwinWorld world, String primary) throws Exception {
        String standby = Nemesis.standby(world, primary);
        Thread t = new Thread(() -> {
            try {
                if (!died.await(CRASH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) return;
                world.controllers().stop(standby);
                Thread.sleep(RESTART_AFTER.toMillis());
                Instant at = Instant.now(); // before start: the new process may open its incident at once
                world.controllers().start(standby);
                restartedAt = at;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                restartFailed = e.getMessage();
            }
        }, "nemesis-controller-crash");
        t.setDaemon(true);
        t.start();
        return Fault.KILL_REGION.inject(world, primary) + "; " + standby + "'s controller dies at its DNS switch and is"
                + " restarted " + RESTART_AFTER.toSeconds() + " s later";
    }

    /**
     * Says how the failover was finished; fails when the crash never happened (the fault was not exercised) or when
     * anything but the restarted controller finished it.
     */
    @Override
    public String afterFailover(TwinWorld world, String primary) {
        String standby = Nemesis.standby(world, primary);
        Instant crash = diedAt;
        Instant restart = restartedAt;
        if (crash == null) {
            throw new DrillException(standby + "'s controller never reached its DNS switch: the crash was not injected ("
                    + world.controllers().describe() + ")");
        }
        if (restart == null) {
            throw new DrillException(standby + "'s controller died at its DNS switch but was not restarted"
                    + (restartFailed == null ? "" : ": " + restartFailed));
        }
        Incident done = world.controllers().failover();
        Optional<String> resumed = done.timeline().stream().map(TimelineEntry::event)
                .filter(e -> e.startsWith("resuming the failover")).findFirst();
        String dead = standby + "'s controller died at its DNS switch (DNS still on " + primary + ") and was restarted "
                + Duration.between(crash, restart).toMillis() + " ms later as a new process";
        if (!done.observer().equals(standby) || done.startedAt().isBefore(restart) || resumed.isEmpty()) {
            throw new DrillException(dead + ", but the failover was finished by " + done.observer() + "'s incident of "
                    + done.startedAt() + " without resuming the interrupted one: " + done.timeline());
        }
        return dead + "; converged by itself: the restarted controller switched DNS "
                + done.timeOf("DNS switched").map(t -> Duration.between(restart, t).toMillis() + " ms after its start")
                .orElse("(time unknown)") + " (\"" + resumed.get() + "\")";
    }
}
