package org.rundbrief.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.store.StoreException;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.TestDatabase;
import org.slf4j.LoggerFactory;

/**
 * What a scheduled run logs when it fails. Regression: a run during a database outage logged an
 * error with a 40-line stack trace every time it fired (every minute for immediate digests).
 */
class JobsTest {
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    @TempDir
    Path dir;
    Database db;
    final Logger log = (Logger) LoggerFactory.getLogger(Jobs.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void setUp() {
        db = Database.open(TestDatabase.config(dir), 4);
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        log.detachAppender(logged);
        db.close();
    }

    /** The one line logged for a daily send that fails with {@code failure}. */
    private ILoggingEvent aDailySendFailingWith(SQLException failure) {
        Tasks failing = new Tasks() {
            @Override
            public boolean collect() {
                return false;
            }

            @Override
            public void send(Cadence cadence) {
                throw new StoreException(failure);
            }

            @Override
            public void housekeeping() {}
        };
        try (Schedule schedule = new Schedule(new Config.Schedule(NEVER, "off", NEVER, "off"), TimeZone.getTimeZone("UTC"),
                failing, db.dataSource(), db.isPostgres(), 1_000)) {
            schedule.start();
            schedule.triggerNow("send-daily");
            await().atMost(Duration.ofSeconds(30)).until(() -> !logged.list.isEmpty());
        }
        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void aRunWhileTheDatabaseIsAwayIsOneWarningWithoutAStackTrace() {
        ILoggingEvent event = aDailySendFailingWith(new SQLTransientConnectionException(
                "rundbrief-db - Connection is not available, request timed out after 15000ms"));

        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage()).isEqualTo("scheduled daily send not done: the database is away (store: rundbrief-db"
                + " - Connection is not available, request timed out after 15000ms); the next run tries again");
        assertThat(event.getThrowableProxy()).isNull();
    }

    @Test
    void aStatementTheDatabaseRefusesIsStillAnErrorWithItsStackTrace() {
        ILoggingEvent event = aDailySendFailingWith(new SQLException("relation \"edition\" does not exist", "42P01"));

        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).isEqualTo("scheduled daily send failed");
        assertThat(event.getThrowableProxy()).isNotNull();
    }
}
