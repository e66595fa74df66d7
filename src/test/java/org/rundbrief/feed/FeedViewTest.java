package org.rundbrief.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedViewTest {
    @ParameterizedTest
    @ValueSource(strings = {"/feed.rss", "/feed.atom", "/feed.json", "/topics/verein/feed.atom",
            "/archive/2026-05/feed.rss", "/topics/termine/archive/2025-12/feed.json"})
    void everyFeedPathParsesBackToTheViewThatPrintsIt(String path) {
        FeedView view = FeedView.parse(path).orElseThrow();
        assertThat(view.path()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/feed.xml", "/feed.atom/", "/topics/feed.atom", "/topics/a/b/feed.atom",
            "/archive/2026-13/feed.atom", "/archive/26-05/feed.atom", "/feed.ATOM", "/x/feed.atom", ""})
    void anythingElseIsNoFeed(String path) {
        assertThat(FeedView.parse(path)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void partsAreReadIntoTheirFields() {
        assertThat(FeedView.parse("/topics/verein/archive/2026-05/feed.rss")).contains(
                new FeedView(FeedFormat.RSS, Optional.of("verein"), Optional.of(YearMonth.of(2026, 5))));
    }
}
