package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.MutableClock;
import org.rundbrief.testing.TestDatabase;

/**
 * The database's time, on the run's database (H2, or PostgreSQL with {@code RB_TEST_POSTGRES_URL}).
 * The database's server runs here, so its time is the real time, and a clock standing for a machine
 * whose clock is off is a {@link MutableClock} that runs with real time from a moment beside it.
 */
class DatabaseClockTest {
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabase.config(dir), 2);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static MutableClock runningBeside(Duration off) {
        MutableClock machine = new MutableClock(Instant.now().plus(off));
        machine.run();
        return machine;
    }

    @Test
    void aClockTwoMinutesAheadReadsTheDatabasesTimeAndSaysSo() {
        try (DatabaseClock clock = DatabaseClock.start(runningBeside(Duration.ofMinutes(2)), db.jdbc())) {
            assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMillis(500));
            assertThat(clock.problem()).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("this machine's clock is 120 s ahead of the database's").contains("NTP"));
        }
    }

    /**
     * A machine's clock set while rundbrief runs (by hand, or a step of NTP's) does not move the
     * time it works by, and the next reading says how far off the machine's clock is now.
     */
    @Test
    void aMachineClockThatIsSetWhileRunningDoesNotMoveTheTime() {
        MutableClock machine = runningBeside(Duration.ZERO);
        try (DatabaseClock clock = DatabaseClock.start(machine, db.jdbc())) {
            assertThat(clock.problem()).isEmpty();

            machine.advance(Duration.ofSeconds(-90)); // someone set the machine's clock back
            assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMillis(500));
            clock.read();
            assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMillis(500));
            assertThat(clock.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("this machine's clock is 90 s behind the database's"));

            machine.advance(Duration.ofSeconds(90)); // and NTP set it right again
            clock.read();
            assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMillis(500));
            assertThat(clock.problem()).isEmpty();
        }
    }

    @Test
    void aClockInAZoneReadsTheSameTime() {
        try (DatabaseClock clock = DatabaseClock.start(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-3)), db.jdbc())) {
            Clock berlin = clock.withZone(java.time.ZoneId.of("Europe/Berlin"));
            assertThat(berlin.getZone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
            assertThat(Duration.between(Instant.now(), berlin.instant()).abs()).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void onlyAPostgresDatabaseSetsTheTime() {
        Clock machine = runningBeside(Duration.ofMinutes(5));
        Clock time = db.time(machine);
        if (db.isPostgres()) {
            assertThat(Duration.between(Instant.now(), time.instant()).abs()).isLessThan(Duration.ofMillis(500));
            assertThat(db.clockProblem()).hasValueSatisfying(p -> assertThat(p).startsWith("this machine's clock is 300 s ahead"));
        } else { // H2 runs on this machine: its time is this machine's
            assertThat(time).isSameAs(machine);
            assertThat(db.clockProblem()).isEmpty();
        }
    }
}
