package org.rundbrief.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
}
