package io.shopdr.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A base clock plus an offset tests move forward, so hold-downs and vote staleness pass without sleeping: on a
 * fixed base time only moves by hand, on the system clock it also runs on by itself.
 */
public final class ShiftableClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    private ShiftableClock(Clock base) {
        this.base = base;
    }

    /** Stands still at {@code start} until {@link #advance} moves it. */
    public static ShiftableClock fixedAt(Instant start) {
        return new ShiftableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** The system clock, moved forward by every {@link #advance}. */
    public static ShiftableClock system() {
        return new ShiftableClock(Clock.systemUTC());
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
