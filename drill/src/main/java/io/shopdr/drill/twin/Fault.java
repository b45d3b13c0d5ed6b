package io.shopdr.drill.twin;

import java.time.Duration;
import java.util.Optional;

/**
 * What the nemesis does to the world (issue 14): one call at the fault moment (armed beforehand where it needs to be,
 * {@link #arm}), and what the drill must then see.
 * A fault that {@link #expectsFailover() expects a failover} goes through the failover, {@link #afterFailover}
 * (a paused database is resumed, a partition healed: the zombie wakes up), the count of lost orders, the restore
 * of the old primary and the {@link #switchBack switch back}; one that does not is watched for {@link #watch()} (no
 * controller may fail over, demote or fence), then {@link #heal healed}.
 */
public interface Fault {
    /**
     * Runs once the controllers are up, before the steady load: what must be in place before the fault strikes (a crash
     * point at a controller's edge: set up at the fault moment, it would restart the controller without its observations
     * of the healthy primary). Returns what was done; empty when nothing.
     */
    default Optional<String> arm(TwinWorld world, String primary) {
        return Optional.empty();
    }

    /** Injects the fault into {@code world} whose primary region is {@code primary}; returns what was done. */
    String inject(TwinWorld world, String primary) throws Exception;

    /** The fault's name on the command line ({@code --fault NAME}). */
    default String name() {
        return "kill";
    }

    /** True when the fault must lead to a failover; false when a failover would be a false one. */
    default boolean expectsFailover() {
        return true;
    }

    /** Runs once the failover completed (e.g. SIGCONT of a paused primary); returns what was done. */
    default String afterFailover(TwinWorld world, String primary) throws Exception {
        return "nothing to undo: the region stays dead until it is restored";
    }

    /**
     * Moves the primary home after the old primary was restored: the operator's failback to {@code home} through the
     * controller of {@code current}, the region the failover promoted. A fault may fail it on purpose (and check, in
     * {@code convergence}, what each failure left); it must end with {@code home} the primary. Returns what was done.
     */
    default String switchBack(TwinWorld world, String home, String current, Duration timeout, TwinConvergence convergence)
            throws Exception {
        return world.controllers().failback(current, home, timeout);
    }

    /** For a fault that must not fail over: how long the drill watches after injecting it. */
    default Duration watch() {
        return Duration.ZERO;
    }

    /** For a fault that must not fail over: ends it after the watch; returns what was done. */
    default String heal(TwinWorld world, String primary) throws Exception {
        return "nothing to heal";
    }

    /** When the primary must keep acknowledging orders through the fault: the longest pause allowed. */
    default Optional<Duration> availabilityBound() {
        return Optional.empty();
    }

    /** Whether the run ends with the convergence check (one primary, DNS at it, replicas replicating, checksums). */
    default boolean convergenceChecked() {
        return true;
    }

    /** The default: kill -9 of the primary's database, and its storefront and controller stopped (the region died). */
    Fault KILL_REGION = (world, primary) -> {
        world.kill(primary);
        world.stopStorefront(primary);
        world.controllers().stop(primary);
        return "kill -9 mariadbd (" + primary + "), storefront and controller of " + primary + " stopped";
    };
}
