package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a background look logs when the database goes away, and when a statement fails for another reason. */
class RepeatedLookTest {
    final Logger log = (Logger) LoggerFactory.getLogger("repeated-look-test");
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
        log.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    /** A look that fails {@code failures} times with {@code failure}, then works; counts its runs. */
    private static Runnable failingFirst(int failures, SQLException failure, AtomicInteger runs) {
        return () -> {
            if (runs.incrementAndGet() <= failures) {
                throw new StoreException(failure);
            }
        };
    }

    @Test
    void aDatabaseThatIsAwayIsLoggedOnceWithoutAStackTraceAndItsReturnOnce() {
        AtomicInteger runs = new AtomicInteger();
        SQLException timedOut = new SQLTransientConnectionException("rundbrief-db - Connection is not available");
        try (RepeatedLook looks = new RepeatedLook("t", "publishing scheduled posts", Duration.ofMillis(5),
                failingFirst(20, timedOut, runs), log)) {
            looks.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() > 22);
        }

        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "publishing scheduled posts stopped, the database is away (store: rundbrief-db - Connection is not"
                        + " available); trying again",
                "publishing scheduled posts works again: the database is back");
        assertThat(events).extracting(ILoggingEvent::getThrowableProxy).containsOnlyNulls();
    }

    @Test
    void aStatementTheDatabaseRefusesIsAnErrorWithItsStackTraceEveryTime() {
        AtomicInteger runs = new AtomicInteger();
        SQLException missingTable = new SQLException("relation \"article\" does not exist", "42P01");
        try (RepeatedLook looks = new RepeatedLook("t", "publishing scheduled posts", Duration.ofMillis(5),
                failingFirst(3, missingTable, runs), log)) {
            looks.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() > 4);
        }

        assertThat(List.copyOf(logged.list)).hasSize(3).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy()).isNotNull();
        });
    }
}
