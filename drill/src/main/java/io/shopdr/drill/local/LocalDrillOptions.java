package io.shopdr.drill.local;

import io.shopdr.drill.DrillException;
import java.time.Duration;
import java.util.List;

/** Settings of a local drill, with a builder in the shape of Pulumi's generated Args builders. */
public final class LocalDrillOptions {
    private final boolean semiSync;
    private final long seed;
    private final int port;
    private final int ordersPerSecond;
    private final Duration probeInterval;
    private final Duration killAfterMin;
    private final Duration killAfterMax;
    private final Duration stepTimeout;
    private final String domain;
    private final List<String> regions;

    private LocalDrillOptions(Builder b) {
        this.semiSync = b.semiSync;
        this.seed = b.seed;
        this.port = b.port;
        this.ordersPerSecond = b.ordersPerSecond;
        this.probeInterval = b.probeInterval;
        this.killAfterMin = b.killAfterMin;
        this.killAfterMax = b.killAfterMax;
        this.stepTimeout = b.stepTimeout;
        this.domain = b.domain;
        this.regions = b.regions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Lossless semi-synchronous replication instead of asynchronous. @default false */
    public boolean semiSync() { return semiSync; }
    /** Seed of the kill moment. @default the current time */
    public long seed() { return seed; }
    /** Port every region's storefront listens on (each region has its own loopback address). @default 18080 */
    public int port() { return port; }
    /** Orders the load generator places per second. @default 20 */
    public int ordersPerSecond() { return ordersPerSecond; }
    /** How often the controllers probe every region. @default 1 s */
    public Duration probeInterval() { return probeInterval; }
    /** Earliest kill after the load started. @default 3 s */
    public Duration killAfterMin() { return killAfterMin; }
    /** Latest kill after the load started. @default 8 s */
    public Duration killAfterMax() { return killAfterMax; }
    /** Bound on each waiting step (failover, rejoin, switch back) before the drill gives up. @default 90 s */
    public Duration stepTimeout() { return stepTimeout; }
    /** The shop's name in the simulated zone. @default shop.drill.test */
    public String domain() { return domain; }
    /** Region names, primary first. @default us-east, eu-west */
    public List<String> regions() { return regions; }

    /** Builder with validation that names the option and the fix. */
    public static final class Builder {
        private boolean semiSync;
        private long seed = System.currentTimeMillis() % 1_000_000;
        private int port = 18080;
        private int ordersPerSecond = 20;
        private Duration probeInterval = Duration.ofSeconds(1);
        private Duration killAfterMin = Duration.ofSeconds(3);
        private Duration killAfterMax = Duration.ofSeconds(8);
        private Duration stepTimeout = Duration.ofSeconds(90);
        private String domain = "shop.drill.test";
        private List<String> regions = List.of("us-east", "eu-west");

        public Builder semiSync(boolean v) { semiSync = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public Builder port(int v) {
            if (v < 1024 || v > 65535) throw new DrillException("--port " + v + " is out of range; use 1024-65535");
            port = v;
            return this;
        }

        public Builder ordersPerSecond(int v) {
            if (v < 1 || v > 500) throw new DrillException("--orders-per-second " + v + " is out of range; use 1-500");
            ordersPerSecond = v;
            return this;
        }

        public Builder probeInterval(Duration v) {
            if (v.toMillis() < 100 || v.toMillis() > 30_000) {
                throw new DrillException("--probe-interval " + v.toMillis() + "ms is out of range; use 100ms-30s");
            }
            probeInterval = v;
            return this;
        }

        public Builder killWindow(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new DrillException("kill window " + min.toMillis() + "-" + max.toMillis() + " ms is empty");
            }
            killAfterMin = min;
            killAfterMax = max;
            return this;
        }

        public Builder stepTimeout(Duration v) { stepTimeout = v; return this; }
        public Builder domain(String v) { domain = v; return this; }

        public Builder regions(List<String> v) {
            if (v.size() != 2) throw new DrillException("the local drill runs exactly 2 regions (got " + v.size() + ")");
            regions = List.copyOf(v);
            return this;
        }

        public LocalDrillOptions build() {
            return new LocalDrillOptions(this);
        }
    }
}
