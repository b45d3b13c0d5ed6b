package io.shopdr.drill.nemesis;

import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinWorld;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The twin's nemesis (issue 14, after Jepsen): every fault the drill can inject, by name. Each is a {@link Fault}:
 * one call at the fault moment, what follows the failover (the zombie wakes) or, for the faults that must not fail
 * over, how long the drill watches and how the fault ends. Timings are stated here and relative to production's
 * detection window (probe 1 s × 3 failures on the prod stack).
 */
public final class Nemesis {
    /** How long a partitioned primary stays cut off after the failover, its region's clients ordering there. */
    static final Duration ZOMBIE_WINDOW = Duration.ofSeconds(5);
    /** How long a paused primary stays frozen after the failover before SIGCONT, at the least. */
    static final Duration PAUSE_AFTER_FAILOVER = Duration.ofSeconds(1);
    /**
     * How long a paused primary stays frozen, at the least: past the semi-sync timeout. A commit that waits for a
     * replica's acknowledgement when the VM freezes ends its wait at the wake-up with the timeout expired, and MariaDB
     * then commits it and answers OK, acknowledged without a replica. Only a client that gave up before the timeout
     * (the storefront's {@link io.shopdr.agent.storefront.Storefront#STATEMENT_TIMEOUT} is shorter) keeps that order
     * unacknowledged; a freeze shorter than the timeout would never put that to the test.
     */
    static final Duration PAUSE_AT_LEAST = ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.plusSeconds(2);
    /** How long a fault that must not fail over is watched: several detection windows and vote lifetimes. */
    static final Duration WATCH = Duration.ofSeconds(15);
    /** How long the Linode API fails (from detection, or while every region is healthy). */
    static final Duration API_OUTAGE = Duration.ofSeconds(10);
    /** One flap: the primary's links down this long (under the 3 s detection window), then up for {@link #FLAP_UP}. */
    static final Duration FLAP_DOWN = Duration.ofMillis(1500);
    static final Duration FLAP_UP = Duration.ofMillis(2500);
    /** The clock skew of one controller. */
    static final Duration SKEW = Duration.ofSeconds(30);
    /**
     * Under standby-loss and standby-partition the primary must keep acknowledging orders: no pause longer than this.
     * Under semi-sync a lost standby's replica never turns the primary asynchronous by itself (wait_no_slave ON), so
     * its commits wait until its controller releases semi-sync on the quorum's word. At production's policy (probe 1 s
     * × 3) that is: detection, three failed probe rounds of about 1.5 s each while a probe of the lost region runs
     * into its 1 s connect timeout (≈ 4.5 s); at most one more round until the other observer's vote is read (≈ 1.5
     * s); the release (≈ 1.2 s, of which MariaDB takes ≈ 0.9 s to switch semi-sync off); a client's next order after
     * the last acknowledgement before the fault (≤ 1 s) — ≈ 8.2 s, hence 10 s: seconds, half the semi-sync timeout
     * (20 s) that would otherwise end the wait. Asynchronous replication never waits (a few hundred ms).
     */
    static final Duration AVAILABILITY_BOUND = Duration.ofSeconds(10);

    private static final Map<String, Supplier<Fault>> FAULTS = new LinkedHashMap<>();

    static {
        FAULTS.put("kill", () -> named("kill", Fault.KILL_REGION));
        FAULTS.put("partition", Partition::new);
        FAULTS.put("pause", Pause::new);
        FAULTS.put("standby-loss", StandbyLoss::new);
        FAULTS.put("standby-partition", StandbyPartition::new);
        FAULTS.put("api-outage", ApiOutage::new);
        FAULTS.put("controller-crash", ControllerCrash::new);
        FAULTS.put("failback-fault", FailbackFault::new);
        FAULTS.put("stalled-standby", StalledStandby::new);
        FAULTS.put("api-outage-healthy", ApiOutageWhileHealthy::new);
        FAULTS.put("observer-partition", ObserverPartition::new);
        FAULTS.put("flap", Flap::new);
        FAULTS.put("clock-skew-ahead", () -> new ClockSkew(SKEW));
        FAULTS.put("clock-skew-behind", () -> new ClockSkew(SKEW.negated()));
    }

    private Nemesis() {
    }

    /** Every fault's name, in the matrix's order. */
    public static List<String> names() {
        return List.copyOf(FAULTS.keySet());
    }

    /** The fault called {@code name}; a clear error naming the choices otherwise. */
    public static Fault fault(String name) {
        Supplier<Fault> f = FAULTS.get(name);
        if (f == null) throw new DrillException("--fault " + name + ": unknown; choose one of " + String.join(", ", names()));
        return f.get();
    }

    private static Fault named(String name, Fault inner) {
        return new Fault() {
            @Override
            public String inject(TwinWorld world, String primary) throws Exception {
                return inner.inject(world, primary);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** The region the primary fails over to: the first other region. */
    static String standby(TwinWorld world, String primary) {
        return world.spec().regions().stream().filter(r -> !r.equals(primary)).findFirst().orElseThrow();
    }

    /** A fault that must not fail over: watched for {@link #WATCH}, healed by healing every link. */
    abstract static class MustNotFailOver implements Fault {
        @Override
        public boolean expectsFailover() {
            return false;
        }

        @Override
        public Duration watch() {
            return WATCH;
        }

        @Override
        public String heal(TwinWorld world, String primary) {
            world.wan().healAll();
            return "every link healed";
        }
    }

    /** The primary region cut off from every other place (regions, witness, Linode API); it stays alive. */
    static final class Partition implements Fault {
        @Override
        public String name() {
            return "partition";
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            world.wan().isolate(primary);
            return primary + " cut off from every other region, the witness and the Linode API (alive; its clients keep"
                    + " ordering there through cached DNS)";
        }

        @Override
        public String afterFailover(TwinWorld world, String primary) throws InterruptedException {
            Thread.sleep(ZOMBIE_WINDOW.toMillis());
            world.wan().healAll();
            return "partition held " + ZOMBIE_WINDOW.toSeconds() + " s after the failover, then healed";
        }
    }

    /**
     * The primary's database frozen (SIGSTOP) until after the failover and past the semi-sync timeout
     * ({@link #PAUSE_AT_LEAST}): a zombie that wakes up.
     */
    static final class Pause implements Fault {
        private long frozenAtNanos;

        @Override
        public String name() {
            return "pause";
        }

        @Override
        public String inject(TwinWorld world, String primary) throws Exception {
            world.pause(primary);
            frozenAtNanos = System.nanoTime();
            return "SIGSTOP mariadbd (" + primary + "); storefront and controller of " + primary + " keep running";
        }

        @Override
        public String afterFailover(TwinWorld world, String primary) throws Exception {
            Duration frozen = Duration.ofNanos(System.nanoTime() - frozenAtNanos);
            Duration more = PAUSE_AT_LEAST.minus(frozen);
            Thread.sleep(Math.max(PAUSE_AFTER_FAILOVER.toMillis(), more.toMillis()));
            world.resume(primary);
            long heldMs = Duration.ofNanos(System.nanoTime() - frozenAtNanos).toMillis();
            Thread.sleep(ZOMBIE_WINDOW.toMillis());
            return "SIGCONT mariadbd (" + primary + ") after the failover, frozen " + heldMs + " ms in all (at least the"
                    + " semi-sync timeout, " + ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toSeconds() + " s); watched "
                    + ZOMBIE_WINDOW.toSeconds() + " s";
        }
    }

    /** The standby region dies while the primary is healthy: nothing may fail over, the shop must keep selling. */
    static final class StandbyLoss extends MustNotFailOver {
        @Override
        public String name() {
            return "standby-loss";
        }

        @Override
        public Optional<Duration> availabilityBound() {
            return Optional.of(AVAILABILITY_BOUND);
        }

        @Override
        public boolean convergenceChecked() {
            return false;
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            String standby = standby(world, primary);
            world.kill(standby);
            world.stopStorefront(standby);
            world.controllers().stop(standby);
            return "kill -9 mariadbd (" + standby + "), storefront and controller of " + standby + " stopped";
        }
    }

    /**
     * The standby region cut off from every other place while it and the primary stay alive: its replication
     * session, probes and API calls hang (a DROP answers nothing, unlike standby-loss's closed connections). Nothing
     * may fail over; under semi-sync the primary must keep acknowledging orders — its controller releases semi-sync
     * (ending the hung replication session) once the quorum declares the standby down — and say durability is
     * degraded; after the heal the standby catches up by itself and the controller restores semi-sync (the
     * convergence check requires it back on).
     */
    static final class StandbyPartition extends MustNotFailOver {
        @Override
        public String name() {
            return "standby-partition";
        }

        @Override
        public Optional<Duration> availabilityBound() {
            return Optional.of(AVAILABILITY_BOUND);
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            String standby = standby(world, primary);
            world.wan().isolate(standby);
            return standby + " cut off from every other region, the witness and the Linode API (alive)";
        }
    }

    /** The primary region dies and the Linode API answers 503 from the moment of detection for {@link #API_OUTAGE}. */
    static final class ApiOutage implements Fault {
        @Override
        public String name() {
            return "api-outage";
        }

        @Override
        public String inject(TwinWorld world, String primary) throws Exception {
            String killed = Fault.KILL_REGION.inject(world, primary);
            Thread t = new Thread(() -> {
                try {
                    long deadline = System.currentTimeMillis() + 120_000;
                    while (world.controllers().detectedAtMs() == null && System.currentTimeMillis() < deadline) Thread.sleep(20);
                    world.api().simulator().failNext(Integer.MAX_VALUE, 503);
                    Thread.sleep(API_OUTAGE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    world.api().simulator().clearFaults();
                }
            }, "nemesis-api-outage");
            t.setDaemon(true);
            t.start();
            return killed + "; the Linode API answers 503 for " + API_OUTAGE.toSeconds() + " s from detection";
        }
    }

    /** The Linode API answers 503 for {@link #API_OUTAGE} while every region is healthy: nothing may happen. */
    static final class ApiOutageWhileHealthy extends MustNotFailOver {
        @Override
        public String name() {
            return "api-outage-healthy";
        }

        @Override
        public Duration watch() {
            return API_OUTAGE.plus(Duration.ofSeconds(5));
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            world.api().simulator().failNext(Integer.MAX_VALUE, 503);
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(API_OUTAGE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    world.api().simulator().clearFaults();
                }
            }, "nemesis-api-outage");
            t.setDaemon(true);
            t.start();
            return "the Linode API answers 503 for " + API_OUTAGE.toSeconds() + " s; every region healthy";
        }

        @Override
        public String heal(TwinWorld world, String primary) {
            world.api().simulator().clearFaults();
            return "the Linode API answers again";
        }
    }

    /** One observer (the witness) loses sight of the primary region; everything else is healthy. */
    static final class ObserverPartition extends MustNotFailOver {
        @Override
        public String name() {
            return "observer-partition";
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            String witness = world.witnesses().get(0);
            world.wan().partition(witness, primary);
            return witness + " cut off from " + primary + " (both directions); everything else healthy";
        }
    }

    /** The primary's links drop and recover faster than the failure threshold, repeatedly. */
    static final class Flap extends MustNotFailOver {
        static final int FLAPS = 4;

        @Override
        public String name() {
            return "flap";
        }

        @Override
        public Duration watch() {
            return FLAP_DOWN.plus(FLAP_UP).multipliedBy(FLAPS).plus(Duration.ofSeconds(5));
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < FLAPS; i++) {
                        world.wan().isolate(primary);
                        Thread.sleep(FLAP_DOWN.toMillis());
                        world.wan().healAll();
                        Thread.sleep(FLAP_UP.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    world.wan().healAll();
                }
            }, "nemesis-flap");
            t.setDaemon(true);
            t.start();
            return primary + " cut off for " + FLAP_DOWN.toMillis() + " ms every " + FLAP_DOWN.plus(FLAP_UP).toMillis()
                    + " ms, " + FLAPS + " times";
        }
    }

    /** The standby region's controller (the one that would act) restarted with its clock {@code skew} off. */
    static final class ClockSkew extends MustNotFailOver {
        private final Duration skew;

        ClockSkew(Duration skew) {
            this.skew = skew;
        }

        @Override
        public String name() {
            return skew.isNegative() ? "clock-skew-behind" : "clock-skew-ahead";
        }

        @Override
        public String inject(TwinWorld world, String primary) {
            String standby = standby(world, primary);
            world.controllers().restartWithClockOffset(standby, skew);
            return standby + "'s controller restarted with its clock " + Math.abs(skew.toSeconds()) + " s "
                    + (skew.isNegative() ? "behind" : "ahead");
        }

        @Override
        public String heal(TwinWorld world, String primary) {
            String standby = standby(world, primary);
            world.controllers().restartWithClockOffset(standby, Duration.ZERO);
            return standby + "'s controller back on the right time";
        }
    }
}
