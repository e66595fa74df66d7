package org.rundbrief.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand instead of sleeping; after {@link #run()} it also moves with real time,
 * for what must happen by itself a few seconds later (a scheduled post).
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    /** System.nanoTime() when {@link #run()} was called; null while the clock stands still. */
    private volatile Long runningSince;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** From now on the clock also moves with real time (advance still adds to it). */
    public void run() {
        runningSince = System.nanoTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Long since = runningSince;
        return since == null ? now : now.plusNanos(System.nanoTime() - since);
    }
}
