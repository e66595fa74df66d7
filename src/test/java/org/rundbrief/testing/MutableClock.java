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
    /** Added once the clock was next read ({@link #advanceAfterNextRead}); null when none. */
    private volatile Duration afterNextRead;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** The next read gives the time as it is; from then on the clock stands {@code d} later (time passing during a task). */
    public synchronized void advanceAfterNextRead(Duration d) {
        afterNextRead = d;
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
        Instant read = since == null ? now : now.plusNanos(System.nanoTime() - since);
        if (afterNextRead != null) {
            synchronized (this) {
                if (afterNextRead != null) {
                    advance(afterNextRead);
                    afterNextRead = null;
                }
            }
        }
        return read;
    }
}
