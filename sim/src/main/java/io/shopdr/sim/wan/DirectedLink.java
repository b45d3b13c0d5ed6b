package io.shopdr.sim.wan;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction between two regions: its profile, whether it is cut, the pacer every connection on it shares,
 * and its counters. Thread-safe.
 */
final class DirectedLink {
    final String from;
    final String to;
    private volatile LinkProfile profile;
    private boolean cut;
    private long pacerFreeAtNanos = Long.MIN_VALUE;
    private final SplittableRandom random;
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong firewallDrops = new AtomicLong();

    DirectedLink(String from, String to, LinkProfile profile, long seed) {
        this.from = from;
        this.to = to;
        this.profile = profile;
        this.random = new SplittableRandom(seed);
    }

    LinkProfile profile() {
        return profile;
    }

    void profile(LinkProfile profile) {
        this.profile = profile;
    }

    /**
     * Schedules {@code length} bytes sent now: they leave when the pacer has room (rate {@code bytesPerSecond},
     * up to {@code burstBytes} ahead after an idle spell) and arrive one-way delay plus jitter later.
     *
     * @return the arrival time on the {@link System#nanoTime()} scale
     */
    synchronized long arrivalNanos(int length, long nowNanos) {
        LinkProfile p = profile;
        long burstNanos = nanosFor(p.burstBytes(), p.bytesPerSecond());
        long start = Math.max(pacerFreeAtNanos, nowNanos - burstNanos);
        pacerFreeAtNanos = start + nanosFor(length, p.bytesPerSecond());
        long departure = Math.max(nowNanos, pacerFreeAtNanos);
        long jitter = p.jitter().isZero() ? 0 : random.nextLong(p.jitter().toNanos() + 1);
        return departure + p.oneWayDelay().toNanos() + jitter;
    }

    private static long nanosFor(long bytes, long bytesPerSecond) {
        return (long) (bytes * 1e9 / bytesPerSecond);
    }

    synchronized boolean isCut() {
        return cut;
    }

    /** @return whether the state changed */
    synchronized boolean cut(boolean cutNow) {
        boolean changed = cut != cutNow;
        cut = cutNow;
        notifyAll();
        return changed;
    }

    /** Blocks while the link is cut: bytes sent meanwhile wait, as TCP retransmits until the path is back. */
    synchronized void awaitOpen() throws InterruptedException {
        while (cut) {
            wait();
        }
    }

    LinkCounters counters() {
        return new LinkCounters(bytes.get(), connections.get(), firewallDrops.get());
    }
}
