package io.shopdr.drill.twin;

import io.shopdr.drill.DrillException;
import io.shopdr.sim.clients.ClientPopulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of a twin drill. Everything production decides (probe interval, failure threshold, TTLs, firewalls,
 * database config) comes from the stack through the program, not from here; these are the drill's own knobs:
 * the world's substrate (RTT, propagation), the load, the kill moment and the bounds on waiting.
 *
 * @param stackConfig      the stack config file the program runs on (default the repository's Pulumi.prod.yaml)
 * @param regions          overrides {@code shopdr:regions} (primary first), empty = the stack's
 * @param rtt              one RTT between every two regions ({@code --rtt}), empty = Linode's table
 * @param propagation      the longest delay before a client's resolver sees a zone change (default 60 s)
 * @param recordTtl        test knob: every record's TTL instead of the declared one, empty = production's
 * @param semiSync         lossless semi-synchronous replication instead of asynchronous
 * @param seed             seeds the kill moment, the WAN's jitter and the client population
 * @param clientsPerRegion clients in each region (default 6: two of each kind on average)
 * @param mix              the client kinds (default one third each)
 * @param orderInterval    time between two orders of one client (default 500 ms)
 * @param killAfterMin     earliest kill after the load started (default 15 s)
 * @param killAfterMax     latest kill (default 25 s)
 * @param recoveryBound    after the kill, how long to wait for every client to have an order acknowledged before
 *                         measuring anyway and naming the clients that never recovered (default 140 s: a client can
 *                         need the switch (≈ 10 s with three regions) + its resolver's propagation (up to 60 s) + its
 *                         cache (a browser's 60 s floor) — with 100 s, the slowest of 18 clients was cut off and the p99
 *                         was unknown)
 * @param stepTimeout      bound on each other waiting step (default 90 s)
 */
public record TwinDrillOptions(Path stackConfig, Optional<List<String>> regions, Optional<Duration> rtt,
                               Duration propagation, Optional<Integer> recordTtl, boolean semiSync, long seed,
                               int clientsPerRegion, ClientPopulation.Mix mix, Duration orderInterval, Duration killAfterMin,
                               Duration killAfterMax, Duration recoveryBound, Duration stepTimeout) {
    public TwinDrillOptions {
        if (propagation.isNegative()) throw new DrillException("--propagation " + propagation.toMillis() + ": must be 0 or more ms");
        if (rtt.isPresent() && rtt.get().isNegative()) throw new DrillException("--rtt " + rtt.get().toMillis() + ": must be 0 or more ms");
        if (clientsPerRegion < 1) throw new DrillException("clients per region " + clientsPerRegion + ": must be at least 1");
        if (killAfterMax.compareTo(killAfterMin) < 0) {
            throw new DrillException("kill window " + killAfterMin.toMillis() + "-" + killAfterMax.toMillis() + " ms is empty");
        }
        regions.ifPresent(r -> {
            if (r.size() < 2) throw new DrillException("--regions " + String.join(",", r) + ": give at least two regions, primary first");
        });
    }

    /** The defaults for {@code stackConfig}: production's timings, a seed from the clock. */
    public static TwinDrillOptions defaults(Path stackConfig) {
        return new TwinDrillOptions(stackConfig, Optional.empty(), Optional.empty(), ClientPopulation.Settings.DEFAULT_PROPAGATION,
                Optional.empty(), false, System.currentTimeMillis() % 1_000_000, 6, ClientPopulation.Mix.DEFAULT, Duration.ofMillis(500),
                Duration.ofSeconds(15), Duration.ofSeconds(25), Duration.ofSeconds(140), Duration.ofSeconds(90));
    }

    /**
     * The fault matrix's shrunk substrate, so a whole matrix fits in a benchmark run: TTL 1 s, propagation 1 s, the
     * fault 4-6 s into the load, 3 TTL-honouring clients per region every 300 ms, clients waited for 60 s. The
     * program's own settings (probe interval, failure threshold, my.cnf, firewalls) stay production's.
     */
    public TwinDrillOptions withMatrixTimings() {
        return withNetwork(rtt, Duration.ofSeconds(1))
                .withLoad(3, new ClientPopulation.Mix(1, 0, 0), Duration.ofMillis(300))
                .withTimings(Optional.of(1), Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(60), stepTimeout);
    }

    public TwinDrillOptions withRegions(Optional<List<String>> v) {
        return new TwinDrillOptions(stackConfig, v, rtt, propagation, recordTtl, semiSync, seed, clientsPerRegion, mix,
                orderInterval, killAfterMin, killAfterMax, recoveryBound, stepTimeout);
    }

    public TwinDrillOptions withNetwork(Optional<Duration> rttOverride, Duration propagationBound) {
        return new TwinDrillOptions(stackConfig, regions, rttOverride, propagationBound, recordTtl, semiSync, seed,
                clientsPerRegion, mix, orderInterval, killAfterMin, killAfterMax, recoveryBound, stepTimeout);
    }

    public TwinDrillOptions withReplication(boolean semi, long seedValue) {
        return new TwinDrillOptions(stackConfig, regions, rtt, propagation, recordTtl, semi, seedValue, clientsPerRegion, mix,
                orderInterval, killAfterMin, killAfterMax, recoveryBound, stepTimeout);
    }

    public TwinDrillOptions withTimings(Optional<Integer> ttl, Duration killMin, Duration killMax, Duration recovery,
                                        Duration step) {
        return new TwinDrillOptions(stackConfig, regions, rtt, propagation, ttl, semiSync, seed, clientsPerRegion, mix,
                orderInterval, killMin, killMax, recovery, step);
    }

    public TwinDrillOptions withLoad(int clients, ClientPopulation.Mix clientMix, Duration interval) {
        return new TwinDrillOptions(stackConfig, regions, rtt, propagation, recordTtl, semiSync, seed, clients, clientMix, interval,
                killAfterMin, killAfterMax, recoveryBound, stepTimeout);
    }
}
