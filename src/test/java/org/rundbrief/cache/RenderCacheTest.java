package org.rundbrief.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rundbrief.store.StoreException;
import org.slf4j.LoggerFactory;

class RenderCacheTest {
    private static final int SIZE = 64;

    /** Regression: a full shelf was emptied whole, so a crawler walking the months made every reader's page render again. */
    @Test
    void aCrawlerWalkingEveryMonthEvictsRareVariantsButNotTheOneReadersAskFor() {
        AtomicInteger renders = new AtomicInteger();
        AtomicInteger pollRenders = new AtomicInteger();
        try (RenderCache cache = new RenderCache(() -> 1, Duration.ofHours(1))) {
            RenderCache.Shelf<Integer> shelf = cache.shelf(month -> {
                renders.incrementAndGet();
                if (month == 0) {
                    pollRenders.incrementAndGet();
                }
                return Optional.of(Rendered.of("text/html", new byte[] {1}, Instant.EPOCH, "max-age=60"));
            }, SIZE);
            for (int i = 1; i <= SIZE; i++) {
                shelf.get(i);
            }
            for (int i = 0; i < 3; i++) {
                shelf.get(0);
            }
            for (int i = 1; i <= 3 * SIZE; i++) {
                shelf.get(SIZE + i);
            }
            shelf.get(0);

            assertThat(pollRenders).as("renders of the variant readers ask for").hasValue(1);
            assertThat(renders).hasValue(4 * SIZE + 1);
            assertThat(shelf.kept()).isBetween(SIZE / 2L, (long) SIZE);
        }
    }

    /**
     * Regression: while the database was away the poll logged a warning at every try, which was
     * every 15 s while each try waited for a connection and became one every poll once callers are
     * turned away at once.
     */
    @Test
    void aDatabaseAwayIsLoggedOnceAndItsReturnOnce() {
        Logger log = (Logger) LoggerFactory.getLogger(RenderCache.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        AtomicInteger asked = new AtomicInteger();
        Supplier<Integer> version = () -> {
            int n = asked.incrementAndGet();
            if (n > 1 && n <= 21) { // the first look (at watch) works, then twenty fail
                throw new StoreException(new SQLTransientConnectionException("rundbrief-db - Connection is not available"));
            }
            return 1;
        };
        try (RenderCache cache = new RenderCache(version, Duration.ofMillis(5))) {
            cache.watch(() -> {});
            await().atMost(Duration.ofSeconds(10)).until(() -> asked.get() > 23);
        } finally {
            log.detachAppender(logged);
        }

        assertThat(List.copyOf(logged.list)).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "reading the site's version for the render cache stopped, the database is away (store: rundbrief-db - Connection"
                        + " is not available); trying again",
                "reading the site's version for the render cache works again: the database is back");
    }
}
