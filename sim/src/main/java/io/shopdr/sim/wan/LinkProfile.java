package io.shopdr.sim.wan;

import java.time.Duration;
import java.util.Objects;

/**
 * How one direction of a link between two regions behaves.
 *
 * @param oneWayDelay     propagation delay, the floor every byte pays (half the table's round-trip time)
 * @param jitter          extra queueing delay, uniform in [0, jitter], drawn per chunk; byte order is kept
 * @param bytesPerSecond  the link's rate: a shared pacer for every connection on this directed link
 * @param burstBytes      how far a sender may run ahead of the rate after an idle spell (token-bucket depth)
 */
public record LinkProfile(Duration oneWayDelay, Duration jitter, long bytesPerSecond, long burstBytes) {
    /**
     * Default rate: 1 Gbit/s. A modelling choice, not a platform fact: Linode's dedicated plans cap outbound
     * traffic at several Gbit/s per instance, but a single cross-region TCP flow is bounded lower by its window
     * over the RTT; 1 Gbit/s never throttles the drill's order traffic or replication, and still lets a test
     * or the nemesis turn the rate down to see a saturated link.
     */
    public static final long DEFAULT_BYTES_PER_SECOND = 125_000_000L;
    /** Default burst: 64 KiB, one default TCP receive window's worth. */
    public static final long DEFAULT_BURST_BYTES = 64 * 1024;
    /**
     * Default jitter as a share of the one-way delay: 2%. Backbone paths between data centres are stable: the
     * published inter-region averages this table uses move by a few percent between monthly measurements; an
     * emulator with large jitter would only invent tail latency production does not have.
     */
    public static final double DEFAULT_JITTER_SHARE = 0.02;
    /** Within one region: Linode measured 0.3 ms round trip inside a data centre (see linode-rtt.csv). */
    public static final LinkProfile SAME_REGION = ofRtt(Duration.ofNanos(300_000));

    public LinkProfile {
        Objects.requireNonNull(oneWayDelay, "oneWayDelay");
        Objects.requireNonNull(jitter, "jitter");
        if (oneWayDelay.isNegative()) {
            throw new IllegalArgumentException("oneWayDelay: must be zero or more, got " + oneWayDelay);
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter: must be zero or more, got " + jitter);
        }
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond: must be positive, got " + bytesPerSecond);
        }
        if (burstBytes < 0) {
            throw new IllegalArgumentException("burstBytes: must be zero or more, got " + burstBytes);
        }
    }

    /** Half of {@code rtt} each way, the default jitter share, rate and burst. */
    public static LinkProfile ofRtt(Duration rtt) {
        Duration oneWay = rtt.dividedBy(2);
        return new LinkProfile(oneWay, Duration.ofNanos((long) (oneWay.toNanos() * DEFAULT_JITTER_SHARE)),
                DEFAULT_BYTES_PER_SECOND, DEFAULT_BURST_BYTES);
    }

    /** This profile with another rate and burst. */
    public LinkProfile withBandwidth(long bytesPerSecond, long burstBytes) {
        return new LinkProfile(oneWayDelay, jitter, bytesPerSecond, burstBytes);
    }

    /** This profile with another jitter. */
    public LinkProfile withJitter(Duration jitter) {
        return new LinkProfile(oneWayDelay, jitter, bytesPerSecond, burstBytes);
    }
}
