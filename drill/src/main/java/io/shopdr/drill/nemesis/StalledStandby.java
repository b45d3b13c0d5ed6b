package io.shopdr.drill.nemesis;

import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.failover.FailoverEvent;
import io.shopdr.agent.failover.LossAcceptance;
import io.shopdr.agent.replication.Dialect;
import io.shopdr.agent.replication.MariaDbDialect;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinControllers;
import io.shopdr.drill.twin.TwinWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code stalled-standby}: the loss budget's held branch (issue 14, orchestrator#83). The standby's replication
 * receiver stops ({@code STOP SLAVE IO_THREAD}: what a relay-log write error or a maintenance stop nobody undid leaves
 * behind), orders go on committing on the primary alone, and the primary region dies as soon as the controllers can
 * have seen the stop (their probe interval × ({@link FailoverController#NOT_REPLICATING_READS} + 1)). Promoting the
 * standby would lose those transactions, beyond production's loss budget (the controller config's default, 0 transactions),
 * so the acting controller must hold: alert, record the hold in the zone, promote nothing and move nothing. The drill
 * watches that for {@link #HOLD_WATCH}, then gives the operator's consent — the {@link LossAcceptance} record that
 * {@code shopdr failover --accept-loss} writes — and the controller fails over; the drill's count then holds lost =
 * reported. Every other failover fault shows the other branch: an expected loss within the budget, and the controller
 * fails over by itself (the failover phase prints the controller's expected-loss line either way).
 */
final class StalledStandby implements Fault {
    /** Transactions the primary must have committed past the stalled standby before its region dies. */
    static final int MISSING_AT_LEAST = 3;
    /** How long the drill watches the hold before consenting: several probe cycles without a promotion or a DNS move. */
    static final Duration HOLD_WATCH = Duration.ofSeconds(10);
    /** How long the primary may take to commit {@link #MISSING_AT_LEAST} transactions, and the controller to hold. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Dialect MARIADB = new MariaDbDialect();

    @Override
    public String name() {
        return "stalled-standby";
    }

    @Override
    public String inject(TwinWorld world, String primary) throws Exception {
        String standby = Nemesis.standby(world, primary);
        world.server(standby).runAsRoot("STOP SLAVE IO_THREAD;");
        long stoppedAt = System.nanoTime();
        String received = settledPosition(world, standby);
        long missing = awaitMissing(world, primary, received);
        // the controller must have read the stopped receiver: a stall it cannot have seen is within its budget's lag
        Duration seen = world.controllers().config(standby).probeInterval()
                .multipliedBy(FailoverController.NOT_REPLICATING_READS + 1);
        Thread.sleep(Math.max(0, seen.toMillis() - Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis()));
        long killedAt = System.nanoTime();
        String killed = Fault.KILL_REGION.inject(world, primary);

        TwinControllers controllers = world.controllers();
        String apex = world.api().apexTarget();
        Runnable noFailover = () -> {
            if (!controllers.failingOver().isEmpty() || controllers.promotedAtMs() != null
                    || !Objects.equals(apex, world.api().apexTarget())) {
                throw new DrillException("the failover of " + primary + " went ahead without the operator's consent although"
                        + " the standby missed " + missing + "+ transaction(s): " + controllers.describe());
            }
        };
        String held = await("the controller of " + standby + " to hold the failover for the loss budget", killedAt, () -> {
            noFailover.run();
            return "loss-budget".equals(controllers.holding(standby)) && heldEvent(world, primary) != null;
        });
        long watchEnd = System.nanoTime() + HOLD_WATCH.toNanos();
        while (System.nanoTime() < watchEnd) {
            noFailover.run();
            Thread.sleep(250);
        }
        String reason = controllers.stateReason(standby);
        FailoverEvent event = heldEvent(world, primary);
        if (event == null) {
            throw new DrillException("the zone no longer records the held failover of " + primary + ": "
                    + controllers.describe());
        }
        LossAcceptance.of(primary, "operator (drill)", Instant.now())
                .publish(world.api().clientFrom(standby), world.api().zone());
        return "STOP SLAVE IO_THREAD on " + standby + " (received up to " + received + "); " + primary + " committed "
                + missing + "+ transaction(s) past it; " + seen.toSeconds() + " s after the stop, " + killed + "; " + held
                + ": " + reason + " (zone: failover " + event.phase() + " by " + event.by() + "); nothing promoted, DNS"
                + " unchanged for " + HOLD_WATCH.toSeconds() + " s; then the operator's consent ("
                + LossAcceptance.RECORD_NAME + ", as shopdr failover --accept-loss)";
    }

    /** The standby's applied position once its SQL thread has applied all it received (two equal reads 300 ms apart). */
    private static String settledPosition(TwinWorld world, String standby) throws Exception {
        String last = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String now = world.server(standby).queryAsRoot("SELECT @@GLOBAL.gtid_slave_pos;");
            if (now.equals(last)) return now;
            last = now;
            Thread.sleep(300);
        }
        throw new DrillException(standby + " kept applying for " + WAIT.toSeconds() + " s after its receiver stopped");
    }

    /** Waits until the primary's binlog holds {@link #MISSING_AT_LEAST} transactions past {@code received}. */
    private static long awaitMissing(TwinWorld world, String primary, String received) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long missing = 0;
        while (System.nanoTime() < deadline) {
            String binlog = world.server(primary).queryAsRoot("SELECT @@GLOBAL.gtid_binlog_pos;");
            missing = MARIADB.missingTransactions(received, binlog).count();
            if (missing >= MISSING_AT_LEAST) return missing;
            Thread.sleep(100);
        }
        throw new DrillException(primary + " committed only " + missing + " transaction(s) in " + WAIT.toSeconds()
                + " s after the standby's receiver stopped: no load to lose");
    }

    private static FailoverEvent heldEvent(TwinWorld world, String primary) {
        FailoverEvent e = FailoverEvent.in(world.api().simulator().records(world.api().zone().domain()));
        return e != null && e.heldFailover() && primary.equals(e.from()) ? e : null;
    }

    /** Waits until {@code check} holds, at most {@link #WAIT} after {@code since} (a {@link System#nanoTime()}). */
    private static String await(String what, long since, BooleanSupplier check) throws InterruptedException {
        while (System.nanoTime() - since < WAIT.toNanos()) {
            if (check.getAsBoolean()) {
                return "held (seen " + Duration.ofNanos(System.nanoTime() - since).toMillis() + " ms after the kill)";
            }
            Thread.sleep(100);
        }
        throw new DrillException("waited " + WAIT.toSeconds() + " s for " + what + "; it never did");
    }
}
