package io.shopdr.drill.twin;

import io.shopdr.agent.failover.FailoverEvent;
import io.shopdr.agent.failover.FirewallFence;
import io.shopdr.drill.checker.InvariantChecker;
import io.shopdr.drill.checker.RunHistory;
import io.shopdr.linode.firewall.FirewallRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "nothing half-applied" check of one run (issue 14): reads the twin's state — which databases take writes, where
 * the shop's A record points, whether each replica replicates, each database's orders checksum, which database
 * firewalls carry the failover's fence, whether a failback marked started holds every controller, under semi-sync whether the primary has it back with a
 * replica acknowledging — and waits a
 * bounded time for it to converge ({@link InvariantChecker#converged(RunHistory.Convergence)}). The states the run
 * had to converge to are {@linkplain #record recorded} for the checker: the end of every run, and after each failed
 * failback of failback-fault. Orders may keep coming meanwhile: the checksums of a primary and its replica are equal
 * only between two of its commits, so the wait polls until they are.
 */
public final class TwinConvergence {
    private static final Duration POLL = Duration.ofMillis(500);

    private final TwinWorld world;
    private final boolean semiSync;
    private final List<RunHistory.Convergence> recorded = new ArrayList<>();

    /** @param semiSync whether the run is semi-synchronous: then the primary must have semi-sync back, acknowledging */
    public TwinConvergence(TwinWorld world, boolean semiSync) {
        this.world = world;
        this.semiSync = semiSync;
    }

    /**
     * Polls the world until it converged or {@code bound} ran out; the state returned says {@code how} and when it
     * converged (or that it did not).
     */
    public RunHistory.Convergence await(String how, Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (true) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            RunHistory.Convergence c = now(how + ", " + ms + " ms after the last step");
            if (InvariantChecker.converged(c).pass()) return c;
            if (System.nanoTime() > deadline) {
                return now(how + ", not converged " + bound.toSeconds() + " s after the last step");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Keeps {@code state} as one the run had to converge to. */
    public synchronized void record(RunHistory.Convergence state) {
        recorded.add(state);
    }

    /** Every state recorded, in order. */
    public synchronized List<RunHistory.Convergence> recorded() {
        return List.copyOf(recorded);
    }

    /** The world's state now. */
    public RunHistory.Convergence now(String how) {
        TwinSpec spec = world.spec();
        List<String> writable = new ArrayList<>();
        Map<String, String> replicas = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        List<String> fenced = new ArrayList<>();
        for (String region : spec.regions()) {
            var server = world.server(region);
            FirewallRules rules = world.api().simulator().firewallRules(world.api().firewallId(region)).orElse(null);
            if (rules != null && rules.inbound().stream().anyMatch(r -> FirewallFence.LABEL.equals(r.label()))) fenced.add(region);
            if (!server.isRunning()) {
                replicas.put(region, "database down");
                continue;
            }
            try {
                if (!world.readOnly(region)) {
                    writable.add(region);
                } else {
                    String running = server.queryAsRoot("SHOW GLOBAL STATUS LIKE 'Slaves_running';");
                    replicas.put(region, running.endsWith("\t0") || running.isEmpty() ? "replication stopped" : "running");
                }
                String sum = server.queryAsRoot("CHECKSUM TABLE `" + spec.app().databaseName() + "`.orders;");
                sums.put(region, sum.substring(sum.indexOf('\t') + 1));
            } catch (Exception e) {
                replicas.put(region, "unreachable: " + e.getMessage());
            }
        }
        String dns = world.regionOfIngress(world.api().apexTarget());
        FailoverEvent event = FailoverEvent.in(world.api().simulator().records(spec.domain()));
        Optional<String> held = event != null && FailoverEvent.FAILBACK.equals(event.kind())
                && FailoverEvent.STARTED.equals(event.phase())
                ? Optional.of("a failback " + event.from() + " → " + event.to() + " marked started and never finished holds"
                        + " every controller's automatic failover")
                : Optional.empty();
        return new RunHistory.Convergence(writable, dns == null ? "nowhere" : dns, replicas, sums, fenced, held,
                writable.size() == 1 ? semiSyncGap(writable.get(0)) : Optional.empty(), how);
    }

    /**
     * Under semi-sync, what the primary lacks for it (its semi-sync side off, or no replica acknowledging): a semi-sync
     * stack that a failover, a release or a restart left asynchronous has not converged. Empty when whole (or async).
     */
    private Optional<String> semiSyncGap(String region) {
        if (!semiSync) return Optional.empty();
        try {
            var server = world.server(region);
            String on = server.queryAsRoot("SELECT @@GLOBAL.rpl_semi_sync_master_enabled;").trim();
            String clients = server.queryAsRoot("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_clients';").trim();
            String n = clients.substring(clients.lastIndexOf('\t') + 1);
            if (!"1".equals(on)) return Optional.of("semi-sync run but " + region + " has semi-sync off");
            return "0".equals(n) ? Optional.of("semi-sync on at " + region + " but no replica acknowledges") : Optional.empty();
        } catch (Exception e) {
            return Optional.of("semi-sync state of " + region + " unreadable: " + e.getMessage());
        }
    }
}
