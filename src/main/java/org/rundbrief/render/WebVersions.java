package org.rundbrief.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.List;
import org.rundbrief.article.Article;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionStore;

/**
 * Web versions of editions. An edition's article set is frozen, so its page is rendered once and
 * kept (editions are few; the cache holds at most {@link #MAX} pages).
 */
public final class WebVersions {
    static final int MAX = 64;
    private final EditionStore store;
    private final ArticlesById articles;
    private final DigestRenderer renderer;
    // Reads counted on the reading thread, for the reason EditionMessages gives.
    private final Cache<Long, String> pages = Caffeine.newBuilder().maximumSize(MAX).executor(Runnable::run).build();

    public WebVersions(EditionStore store, ArticlesById articles, DigestRenderer renderer) {
        this.store = store;
        this.articles = articles;
        this.renderer = renderer;
    }

    public String html(Edition edition) {
        return pages.get(edition.id(), id -> renderer.renderWebVersion(edition, newIn(edition)));
    }

    /** How many pages are kept (at most {@value #MAX}). */
    long pagesKept() {
        pages.cleanUp();
        return pages.estimatedSize();
    }

    /** The articles that were new in this edition: collected after the previous one of its cadence. */
    private List<Article> newIn(Edition edition) {
        List<Article> all = articles.byIds(store.articleIds(edition.id()));
        Instant after = store.previousCutoff(edition).orElse(Instant.EPOCH);
        List<Article> fresh = all.stream().filter(a -> a.collectedAt().isAfter(after)).toList();
        return fresh.isEmpty() ? all : fresh;
    }
}
