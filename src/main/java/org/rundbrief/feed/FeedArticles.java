package org.rundbrief.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleStore;

/**
 * What the feeds need from the article store (STYLE habit 3: the user declares the interface).
 * Lists are ordered newest published first; ties broken by id, newest id first.
 */
public interface FeedArticles {
    /** The newest {@code limit} published articles, of one topic when given. */
    List<Article> recent(int limit, Optional<String> topic);

    /**
     * Keyset page: up to {@code limit} articles published before {@code beforePublished}, or at
     * that instant with an id below {@code beforeId}.
     */
    List<Article> page(Instant beforePublished, long beforeId, int limit, Optional<String> topic);

    Optional<Article> bySlug(String slug);

    /** Changes whenever an article is added, updated or removed; cheap to ask. */
    Version version();

    record Version(long count, Instant lastUpdated) {}

    /** The production source: the article package's store. */
    static FeedArticles from(ArticleStore store) {
        return new FeedArticles() {
            @Override
            public List<Article> recent(int limit, Optional<String> topic) {
                return store.recent(limit, topic);
            }

            @Override
            public List<Article> page(Instant beforePublished, long beforeId, int limit, Optional<String> topic) {
                return store.page(beforePublished, beforeId, limit, topic);
            }

            @Override
            public Optional<Article> bySlug(String slug) {
                return store.bySlug(slug);
            }

            @Override
            public Version version() {
                ArticleStore.Version v = store.version();
                return new Version(v.count(), v.lastUpdated());
            }
        };
    }
}
