package org.rundbrief.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's clock set to the database server's time. Nodes that share a database compare
 * times that other nodes wrote (a block of deliveries is leased until a moment, a row is due at
 * one), so they must mean the same moment by "now" even when their machines' clocks differ: a node
 * whose clock ran two minutes ahead took over the others' leases as soon as they were written and
 * sent their members the digest again. So the offset from this clock to the database's is measured
 * at start and every minute, and a new one is taken when it moved by {@link #STEP} or more (a clock
 * that was set, or drifted); smaller changes are the measurement's own noise. Reading the time never
 * asks the database: while it is away the last offset holds.
 *
 * <p>An offset of a second or more is logged and shown in {@code /health} ({@link #problem}): the
 * schedule's cluster (Quartz) reads the machines' own clocks, and a node it finds far off in time is
 * taken for dead and its scheduled runs taken over.
 */
final class DatabaseClock extends Clock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    private static final Queries SQL = Queries.load("/sql/store.sql");
    /** A change of the offset smaller than this is noise, not a clock that was set. */
    static final Duration STEP = Duration.ofMillis(100);
    /** From this offset on the machine's clock is reported: Quartz's cluster wants the nodes within a second. */
    static final Duration REPORTED = Duration.ofSeconds(1);
    /** A measurement whose query took longer than this says too little about the offset; the next one counts. */
    private static final Duration TRUSTED_TRIP = Duration.ofMillis(500);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Clock local;
    private final Jdbc jdbc;
    private final ScheduledExecutorService measuring;
    private volatile Duration offset = Duration.ZERO;

    private DatabaseClock(Clock local, Jdbc jdbc, ScheduledExecutorService measuring) {
        this.local = local;
        this.jdbc = jdbc;
        this.measuring = measuring;
    }

    /** {@code local} set to the database's time: measured now, then every minute until {@link #close}. */
    static DatabaseClock start(Clock local, Jdbc jdbc) {
        ScheduledExecutorService measuring = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "database-clock");
            t.setDaemon(true);
            return t;
        });
        DatabaseClock clock = new DatabaseClock(local, jdbc, measuring);
        clock.measure();
        measuring.scheduleWithFixedDelay(clock::measureQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return clock;
    }

    /** Reads the database's time once and takes the offset when it moved by {@link #STEP} or more. */
    void measure() {
        Instant before = local.instant();
        Instant database = jdbc.one(SQL.get("database-time"), rs -> Jdbc.instant(rs, 1)).orElseThrow();
        Instant after = local.instant();
        Duration trip = Duration.between(before, after);
        if (trip.compareTo(TRUSTED_TRIP) > 0) {
            return;
        }
        Duration measured = Duration.between(before.plus(trip.dividedBy(2)), database);
        Duration former = offset;
        if (measured.minus(former).abs().compareTo(STEP) < 0) {
            return;
        }
        offset = measured;
        Optional<String> problem = problem();
        if (problem.isPresent() && (!isReported(former) || measured.minus(former).abs().compareTo(REPORTED) >= 0)) {
            log.warn(problem.get());
        } else if (problem.isEmpty() && isReported(former)) {
            log.info("this machine's clock agrees with the database's again (within {} ms)", measured.abs().toMillis());
        }
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (RuntimeException e) { // the database is away: the last offset holds, and others report the outage
            log.debug("cannot read the database's time: {}", e.getMessage());
        }
    }

    private static boolean isReported(Duration offset) {
        return offset.abs().compareTo(REPORTED) >= 0;
    }

    /** How far this machine's clock is from the database's, when that is a second or more; empty otherwise. */
    Optional<String> problem() {
        Duration o = offset;
        if (!isReported(o)) {
            return Optional.empty();
        }
        // the offset is what the database's time is ahead of this clock: positive means this clock is behind
        return Optional.of("this machine's clock is " + Math.round(o.abs().toMillis() / 1000.0) + " s "
                + (o.isNegative() ? "ahead of" : "behind") + " the database's: rundbrief sends by the database's time,"
                + " but the schedule's cluster reads each machine's own clock; set this machine's time (NTP, e.g."
                + " systemd-timesyncd or chrony)");
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    /** This clock in {@code zone}, at the offset of now (for reading a date there once). */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(local.withZone(zone), offset);
    }

    @Override
    public void close() {
        measuring.shutdownNow();
    }
}
