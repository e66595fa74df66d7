package org.rundbrief.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FeedCacheTest {
    /** Regression: a full archive cache was emptied whole, so a crawler walking the months made every reader's feed render again. */
    @Test
    void aCrawlerWalkingEveryMonthEvictsRareArchivesButNotTheOneReadersPoll() {
        AtomicInteger renders = new AtomicInteger();
        FeedView polled = archive(0);
        AtomicInteger pollRenders = new AtomicInteger();
        try (FeedCache cache = new FeedCache(view -> {
            renders.incrementAndGet();
            if (view.equals(polled)) {
                pollRenders.incrementAndGet();
            }
            return RenderedFeed.of(view.format(), new byte[] {1}, Instant.EPOCH, "max-age=60");
        }, () -> new FeedArticles.Version(1, Instant.EPOCH), Duration.ofHours(1))) {
            for (int i = 1; i <= FeedCache.MAX_ARCHIVES; i++) {
                cache.get(archive(i));
            }
            for (int i = 0; i < 3; i++) {
                cache.get(polled);
            }
            for (int i = 1; i <= 3 * FeedCache.MAX_ARCHIVES; i++) {
                cache.get(archive(FeedCache.MAX_ARCHIVES + i));
            }
            cache.get(polled);

            assertThat(pollRenders).as("renders of the polled archive").hasValue(1);
            assertThat(renders).hasValue(4 * FeedCache.MAX_ARCHIVES + 1);
            assertThat(cache.archivesKept()).isBetween(FeedCache.MAX_ARCHIVES / 2L, (long) FeedCache.MAX_ARCHIVES);
        }
    }

    private static FeedView archive(int n) {
        return new FeedView(FeedFormat.ATOM, Optional.empty(), Optional.of(YearMonth.of(1000, 1).plusMonths(n)));
    }
}
