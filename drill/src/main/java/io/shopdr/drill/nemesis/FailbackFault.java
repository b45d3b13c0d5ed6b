package io.shopdr.drill.nemesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.failover.FailoverEvent;
import io.shopdr.agent.failover.FirewallFence;
import io.shopdr.agent.failover.Incident;
import io.shopdr.agent.failover.TimelineEntry;
import io.shopdr.agent.linode.RetryPolicy;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.checker.InvariantChecker;
import io.shopdr.drill.checker.RunHistory;
import io.shopdr.drill.twin.Fault;
import io.shopdr.drill.twin.TwinConvergence;
import io.shopdr.drill.twin.TwinLinodeApi;
import io.shopdr.drill.twin.TwinWorld;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.sim.linode.IncomingRequest;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code failback-fault}: the primary region dies as under {@code kill}; once the failover is done and the old primary
 * restored, the operator's {@code shopdr failback} — run, as the drill's switch back is, by the controller of the region
 * that is primary — fails at each of its steps in turn ({@link FailbackStepFailure}: a Linode API 503 at that call, the
 * link to the target's database cut, the runner's process dying there), and the operator re-runs the same command.
 * Every step starts from the state a failover leaves (primary P, the target a replica behind its firewall fence, the
 * firewalls in force), so the direction alternates between the two regions and a last plain failback brings the
 * primary home when needed.
 *
 * <p>Nothing may be half-applied: after each failure the world must converge by itself (the failback undid what it
 * did) or by the re-run, which must complete the failback; the states are {@linkplain TwinConvergence#record recorded}
 * for the checker, each naming its step and which way it converged. A failure that does not stop the failback, or a
 * crash point the runner never reaches, fails the run: the step was not exercised.
 */
final class FailbackFault implements Fault {
    /** How long the state a failed failback left is watched for converging by itself. */
    static final Duration BY_ITSELF = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Linode API call fails when every attempt of the runner's client does. */
    private static final int ATTEMPTS = RetryPolicy.defaults().maxAttempts();

    private final List<FailbackStepFailure> steps;
    /** Each region controller's current process, which the nemesis can make die. */
    private final Map<String, ProcessDeath> processes = new ConcurrentHashMap<>();

    FailbackFault() {
        this(List.of(FailbackStepFailure.values()));
    }

    /** Only {@code steps}, in this order (a shorter drill). */
    FailbackFault(List<FailbackStepFailure> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return "failback-fault";
    }

    @Override
    public String inject(TwinWorld world, String primary) throws Exception {
        return Fault.KILL_REGION.inject(world, primary) + "; the switch back will fail at " + steps.size()
                + " failback steps in turn";
    }

    @Override
    public String switchBack(TwinWorld world, String home, String current, Duration timeout, TwinConvergence convergence)
            throws Exception {
        for (String region : List.of(home, current)) restart(world, region);
        List<String> done = new ArrayList<>();
        String primary = current;
        int byItself = 0;
        for (FailbackStepFailure step : steps) {
            String target = primary.equals(home) ? current : home;
            if (failAndRerun(world, step, primary, target, timeout, convergence)) byItself++;
            done.add(step.label());
            primary = target;
        }
        String last = primary.equals(home) ? "" : "; then " + world.controllers().failback(primary, home, timeout);
        return "failback failed at " + String.join(", ", done) + " in turn: " + byItself + " converged by themselves, "
                + (steps.size() - byItself) + " by the operator's re-run" + last;
    }

    /**
     * Fails the failback {@code primary → target} at {@code step}, watches what it left, re-runs it; records both
     * states. True when the world converged by itself after the failure.
     */
    private boolean failAndRerun(TwinWorld world, FailbackStepFailure step, String primary, String target, Duration timeout,
                                 TwinConvergence convergence) throws Exception {
        fenceAsAFailoverLeavesIt(world, primary, target);
        inject(world, step, primary, target);
        Incident failed;
        try {
            failed = world.controllers().runFailback(primary, target, timeout);
        } finally {
            world.api().simulator().clearFaults();
            world.wan().healAll();
        }
        String what = step.label() + " (" + step.injection() + ")";
        boolean died = processes.get(primary).dead();
        if (died) restart(world, primary);
        if (isDeath(step) != died) {
            throw new DrillException(what + ": the runner's process " + (died ? "died unexpectedly" : "never reached its crash point")
                    + "; the failback " + outcome(failed) + ": " + stopped(failed));
        }
        if (failed.outcome() == Incident.Outcome.COMPLETED) {
            throw new DrillException(what + ": the failback completed anyway, the failure did not stop it: " + stopped(failed));
        }
        String how = what + ": " + (died ? "the runner died; " : "") + "the failback " + outcome(failed) + " (\""
                + stopped(failed) + "\")";
        RunHistory.Convergence left = convergence.await(how + "; by itself", BY_ITSELF);
        boolean byItself = InvariantChecker.converged(left).pass();
        if (byItself) convergence.record(left);
        Incident rerun = world.controllers().runFailback(primary, target, timeout);
        RunHistory.Convergence after = convergence.await(byItself
                ? step.label() + ": the operator's re-run " + outcome(rerun) + " the failback to " + target
                : how + "; it left " + InvariantChecker.describe(left) + "; converged by the operator's re-run, which "
                        + outcome(rerun) + " the failback to " + target, timeout);
        convergence.record(after);
        if (rerun.outcome() != Incident.Outcome.COMPLETED || !after.writable().equals(List.of(target))
                || !InvariantChecker.converged(after).pass()) {
            throw new DrillException(what + ": the operator's re-run " + outcome(rerun) + " (\"" + stopped(rerun)
                    + "\"); " + InvariantChecker.describe(after));
        }
        return byItself;
    }

    /**
     * The target behind its firewall fence, as the failover's controller leaves the region it failed over from, once
     * the firewalls are in force: Cloud Firewall changes reach the databases {@link TwinLinodeApi#FIREWALL_APPLY_DELAY}
     * after the API call, and until the previous failback's lift has, the new primary's own region (its controller,
     * which runs this failback) is still shut out of its database.
     */
    private static void fenceAsAFailoverLeavesIt(TwinWorld world, String primary, String target) throws InterruptedException {
        int port = world.controllers().config(primary).region(target).databasePort();
        new FirewallFence(world.api().clientFrom(primary)).apply(world.api().firewallId(target), port, target);
        Thread.sleep(TwinLinodeApi.FIREWALL_APPLY_DELAY.plusSeconds(1).toMillis());
    }

    private void inject(TwinWorld world, FailbackStepFailure step, String runner, String target) {
        LinodeApiSimulator api = world.api().simulator();
        switch (step) {
            case ZONE_READ -> api.failMatching(ATTEMPTS, 503, r -> r.method().equals("GET") && r.path().equals("/domains"));
            case EPOCH_MARK -> api.failMatching(ATTEMPTS, 503, r -> failbackMark(r, FailoverEvent.STARTED));
            case SWITCHOVER_START -> world.wan().partition(runner, target);
            case WRITES_STOPPED -> processes.get(runner).arm(ProcessDeath.Point.WRITES_STOPPED);
            case PROMOTED -> processes.get(runner).arm(ProcessDeath.Point.PROMOTED);
            case FENCE_LIFT -> {
                String rules = "/networking/firewalls/" + world.api().firewallId(target) + "/rules";
                api.failMatching(ATTEMPTS, 503, r -> r.method().equals("PUT") && r.path().equals(rules)
                        && r.body() != null && !r.body().contains(FirewallFence.LABEL));
            }
            case DNS_SWITCH -> {
                String ip = world.ingressIp(target);
                api.failMatching(ATTEMPTS, 503, r -> r.method().equals("PUT") && r.path().matches("/domains/\\d+/records/\\d+")
                        && ip.equals(field(r, "target")));
            }
            case DNS_SWITCH_DEATH -> processes.get(runner).arm(ProcessDeath.Point.DNS_SWITCH);
            case DONE_MARK -> api.failMatching(ATTEMPTS, 503, r -> failbackMark(r, FailoverEvent.DONE));
        }
    }

    private static boolean isDeath(FailbackStepFailure step) {
        return step == FailbackStepFailure.WRITES_STOPPED || step == FailbackStepFailure.PROMOTED
                || step == FailbackStepFailure.DNS_SWITCH_DEATH;
    }

    /** A new process for {@code region}'s controller, one the nemesis can make die. */
    private void restart(TwinWorld world, String region) {
        ProcessDeath process = new ProcessDeath(() -> { });
        processes.put(region, process);
        world.controllers().restartWithEdge(region, process.edge());
    }

    /** Whether {@code r} writes the failback's event record in {@code phase}. */
    private static boolean failbackMark(IncomingRequest r, String phase) {
        if (!r.path().matches("/domains/\\d+/records(/\\d+)?") || r.method().equals("GET")) return false;
        FailoverEvent e = FailoverEvent.in(List.of(DnsRecord.of("TXT", field(r, "name"), field(r, "target"), 0)));
        return e != null && FailoverEvent.FAILBACK.equals(e.kind()) && phase.equals(e.phase());
    }

    /** A text field of {@code r}'s JSON body, or "" when it has none. */
    private static String field(IncomingRequest r, String name) {
        if (r.body() == null) return "";
        try {
            JsonNode n = JSON.readTree(r.body());
            return n.path(name).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String outcome(Incident i) {
        return i.outcome() == Incident.Outcome.COMPLETED ? "completed" : i.outcome().name().toLowerCase(Locale.ROOT);
    }

    /** Where the failback stopped, in its own words (its last entry when it did not stop). */
    private static String stopped(Incident i) {
        List<TimelineEntry> t = i.timeline();
        return t.stream().map(TimelineEntry::event).filter(e -> e.startsWith("failback stopped") || e.startsWith("stopped")
                || e.startsWith("the shop runs on")).findFirst()
                .orElse(t.isEmpty() ? "no timeline" : t.get(t.size() - 1).event());
    }
}
