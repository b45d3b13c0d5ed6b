package io.shopdr.bench;

import io.shopdr.agent.failover.ControllerConfig;
import io.shopdr.agent.failover.ControllerConfigFile;
import io.shopdr.agent.failover.ControllerListener;
import io.shopdr.agent.failover.EngineRegionDatabases;
import io.shopdr.agent.failover.FailoverController;
import io.shopdr.agent.health.HttpProbe;
import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.agent.replication.Credentials;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Child JVM of {@link ControllerBenchmark}: runs one region's controller (config file, Linode API URL, seconds)
 * and prints its heap use as one JSON line: used after a full GC, and the peak of the heap pools while running.
 */
public final class ControllerHeapProbe {
    public static void main(String[] args) throws Exception {
        HttpProbe.allowHostHeader();
        Logger.getLogger("").setLevel(Level.SEVERE);
        for (var h : Logger.getLogger("").getHandlers()) h.setLevel(Level.SEVERE);
        ControllerConfig config = ControllerConfigFile.read(Path.of(args[0]));
        LinodeClient client = LinodeClient.builder().apiUrl(args[1]).token(System.getenv("LINODE_TOKEN")).build();
        int seconds = Integer.parseInt(args[2]);
        EngineRegionDatabases databases = new EngineRegionDatabases(config,
                new Credentials(config.adminUser(), System.getenv("SHOPDR_DB_ADMIN_PASSWORD")),
                new Credentials(config.replicationUser(), System.getenv("SHOPDR_DB_REPLICATION_PASSWORD")));
        String self = config.homeRegion().name();
        AtomicInteger cycles = new AtomicInteger();
        try (FailoverController c = new FailoverController(config, self, client, client, databases, Clock.systemUTC())) {
            c.addListener(new ControllerListener() {
                @Override
                public void roundCompleted(String observer, ObservationRound round) {
                    cycles.incrementAndGet();
                }
            });
            c.start();
            Thread.sleep(seconds * 1000L);
            c.stop();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            System.gc();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
            System.out.printf("{\"usedAfterGcBytes\":%d,\"peakHeapBytes\":%d,\"committedBytes\":%d,\"cycles\":%d,\"state\":\"%s\"}%n",
                    used, peak, committed, cycles.get(), c.state());
        }
        System.exit(0);
    }
}
