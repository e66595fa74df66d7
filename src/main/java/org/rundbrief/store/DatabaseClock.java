package org.rundbrief.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database server's time, carried on by this machine's monotonic clock. Nodes that share a
 * database compare times that other nodes wrote (a block of deliveries is leased until a moment, a
 * row is due at one), so they must mean the same moment by "now" even when their machines' clocks
 * differ: a node whose clock ran two minutes ahead took over the others' leases as soon as they were
 * written and sent their members the digest again. So the database's time is read at start and
 * every minute, and between two readings it moves on with {@link System#nanoTime}, which a machine
 * clock that is set (by hand or by NTP) does not move. A reading is taken only when it differs from
 * the time carried on by {@link #STEP} or more; smaller differences are the reading's own noise.
 * Reading the time never asks the database: while it is away the last reading holds.
 *
 * <p>How far this machine's clock is from the database's is logged and shown in {@code /health}
 * ({@link #problem}) from a second on: the schedule's cluster (Quartz) reads the machines' own
 * clocks, and a node it finds far off in time is taken for dead and its scheduled runs taken over.
 */
final class DatabaseClock extends Clock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    private static final Queries SQL = Queries.load("/sql/store.sql");
    /** A reading this close to the time carried on is noise, not a clock that moved. */
    private static final Duration STEP = Duration.ofMillis(100);
    /** From this offset on the machine's clock is reported: Quartz's cluster wants the nodes within a second. */
    private static final Duration REPORTED = Duration.ofSeconds(1);
    /** A reading whose query took longer than this says too little about the time; the next one counts (the first counts anyway). */
    private static final long TRUSTED_TRIP_NANOS = Duration.ofMillis(500).toNanos();
    private static final Duration EVERY = Duration.ofMinutes(1);

    /** The database's time at a moment of {@link System#nanoTime}. */
    private record Reading(Instant database, long nanos) {
        Instant at(long nanoTime) {
            return database.plusNanos(nanoTime - nanos);
        }
    }

    /** This machine's clock: only to say how far it is from the database's. */
    private final Clock machine;
    private final Jdbc jdbc;
    /** The readings after the first; one that fails (the database is away) leaves the time carrying on. */
    private final RepeatedLook readings;
    private volatile Reading last;
    /** The database's time minus this machine's, at the last reading. */
    private volatile Duration offset = Duration.ZERO;

    private DatabaseClock(Clock machine, Jdbc jdbc) {
        this.machine = machine;
        this.jdbc = jdbc;
        this.readings = new RepeatedLook("database-clock", "reading the database's time", EVERY, this::read, log);
    }

    /** The database's time: read now, then every minute until {@link #close}; {@code machine} is this machine's clock. */
    static DatabaseClock start(Clock machine, Jdbc jdbc) {
        DatabaseClock clock = new DatabaseClock(machine, jdbc);
        clock.read();
        clock.readings.start();
        return clock;
    }

    /** Reads the database's time once; takes it when the time carried on is {@link #STEP} or more off it. */
    void read() {
        long before = System.nanoTime();
        Instant machineBefore = machine.instant();
        Instant database = jdbc.one(SQL.get("database-time"), rs -> Jdbc.instant(rs, 1)).orElseThrow();
        long trip = System.nanoTime() - before;
        Reading former = last;
        if (trip > TRUSTED_TRIP_NANOS && former != null) {
            return;
        }
        long middle = before + trip / 2;
        if (former == null || Duration.between(former.at(middle), database).abs().compareTo(STEP) >= 0) {
            last = new Reading(database, middle);
        }
        Duration formerOffset = offset;
        offset = Duration.between(machineBefore.plusNanos(trip / 2), database);
        Optional<String> problem = problem();
        if (problem.isPresent() && (!isReported(formerOffset) || offset.minus(formerOffset).abs().compareTo(REPORTED) >= 0)) {
            log.warn(problem.get());
        } else if (problem.isEmpty() && isReported(formerOffset)) {
            log.info("this machine's clock agrees with the database's again (within {} ms)", offset.abs().toMillis());
        }
    }

    private static boolean isReported(Duration offset) {
        return offset.abs().compareTo(REPORTED) >= 0;
    }

    /**
     * How far the database's time is ahead of this machine's clock (negative: this clock is ahead),
     * when that is a second or more; empty otherwise.
     */
    Optional<Duration> reportedOffset() {
        Duration o = offset;
        return isReported(o) ? Optional.of(o) : Optional.empty();
    }

    /** {@link #reportedOffset} in words for the log and {@code /health}; empty when there is none. */
    Optional<String> problem() {
        return reportedOffset().map(o -> "this machine's clock is " + Math.round(o.abs().toMillis() / 1000.0) + " s "
                + (o.isNegative() ? "ahead of" : "behind") + " the database's: rundbrief sends by the database's time,"
                + " but the schedule's cluster reads each machine's own clock; set this machine's time (NTP, e.g."
                + " systemd-timesyncd or chrony)");
    }

    @Override
    public Instant instant() {
        return last.at(System.nanoTime());
    }

    @Override
    public ZoneId getZone() {
        return machine.getZone();
    }

    /** This clock in {@code zone}, at its offset from this machine's clock now (for reading a date there once). */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(machine.withZone(zone), Duration.between(machine.instant(), instant()));
    }

    @Override
    public void close() {
        readings.close();
    }
}
