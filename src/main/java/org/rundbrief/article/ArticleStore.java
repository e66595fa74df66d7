package org.rundbrief.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/**
 * The only class with article SQL ({@code sql/article.sql}): stores collected articles by
 * identity (source key + guid) and reads them for editions, feeds and pages. Also keeps the
 * per-source polite-fetch state and status in the {@code source} table.
 */
public final class ArticleStore {
    private static final Queries SQL = Queries.load("/sql/article.sql");

    private final Jdbc jdbc;
    private final Clock clock;

    public ArticleStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Cheap change marker for cache invalidation. {@code lastUpdated} is null while there are no articles. */
    public record Version(long count, Instant lastUpdated) {}

    /** Polite-fetch state remembered per source (RFC 9110 §13 validators). */
    public record SourceState(String etag, String lastModified) {
        public static final SourceState NONE = new SourceState(null, null);
    }

    /**
     * Stores one article: new → inserted with collected_at = updated_at = now; changed content
     * hash → updated in place (collected_at and slug never change); same hash → nothing written.
     */
    public Upsert upsert(String sourceKey, ArticleDraft draft) {
        return jdbc.inTransaction(() -> {
            jdbc.lock(ARTICLES_LOCK);
            return upsert(sourceKey, draft, jdbc.one(SQL.get("find-identity"), ArticleStore::stored,
                    sourceKey, draft.guid()).orElse(null));
        });
    }

    /**
     * Stores the articles of one source fetch in one transaction, reading the source's stored
     * identities with one query instead of one per article. Results are in the order of {@code drafts}.
     */
    public List<Upsert> upsertAll(String sourceKey, List<ArticleDraft> drafts) {
        return jdbc.inTransaction(() -> {
            jdbc.lock(ARTICLES_LOCK);
            java.util.Map<String, Stored> known = new java.util.HashMap<>();
            jdbc.stream(SQL.get("source-identities"), rs -> known.put(rs.getString("guid"), stored(rs)), sourceKey);
            List<Upsert> results = new ArrayList<>(drafts.size());
            for (ArticleDraft draft : drafts) {
                results.add(upsert(sourceKey, draft, known.get(draft.guid())));
            }
            return results;
        });
    }

    /**
     * Taken before {@code collected_at} is read from the clock and held until commit; an edition
     * takes it before its cutoff (EditionPlanner), so no article is collected "before" a cutoff
     * but committed after it.
     */
    public static final String ARTICLES_LOCK = "articles";

    private Upsert upsert(String sourceKey, ArticleDraft draft, Stored stored) {
        Instant now = clock.instant();
        if (stored == null) {
            Instant published = draft.publishedAt() != null ? draft.publishedAt() : now;
            long id = jdbc.insert(SQL.get("insert-article"), sourceKey, draft.guid(), uniqueSlug(draft.title()),
                    draft.title(), draft.link(), draft.author(), draft.summary(), draft.contentHtml(),
                    draft.contentText(), draft.imageUrl(), draft.language(), draft.contentHash(), published,
                    now, now);
            writeTopics(id, draft.topics());
            return Upsert.NEW;
        }
        if (stored.contentHash().equals(draft.contentHash())) {
            return Upsert.UNCHANGED;
        }
        Instant published = draft.publishedAt() != null ? draft.publishedAt() : stored.publishedAt();
        jdbc.update(SQL.get("update-article"), draft.title(), draft.link(), draft.author(), draft.summary(),
                draft.contentHtml(), draft.contentText(), draft.imageUrl(), draft.language(),
                draft.contentHash(), published, now, stored.id());
        jdbc.update(SQL.get("delete-topics"), stored.id());
        writeTopics(stored.id(), draft.topics());
        return Upsert.UPDATED;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("content_hash"), Jdbc.instant(rs, "published_at"));
    }

    /** Runs {@code work} in one transaction: everything it stores lands together or not at all. */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return jdbc.inTransaction(work::get);
    }

    private record Stored(long id, String contentHash, Instant publishedAt) {}

    private void writeTopics(long articleId, List<String> topics) {
        List<Object[]> rows = new ArrayList<>();
        for (String topic : topics) {
            rows.add(new Object[] {articleId, topic});
        }
        jdbc.batch(SQL.get("insert-topic"), rows);
    }

    private String uniqueSlug(String title) {
        String base = Slugs.of(title);
        String slug = base;
        for (int n = 2; jdbc.count(SQL.get("slug-taken"), slug) > 0; n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    /** Newest published first; with a topic, only articles of that topic. */
    public List<Article> recent(int limit, Optional<String> topic) {
        return topic.map(t -> read(SQL.get("recent-by-topic"), t, limit))
                .orElseGet(() -> read(SQL.get("recent"), limit));
    }

    /** Keyset paging for archives: the {@code limit} articles after (beforePublished, beforeId) in (published_at desc, id desc). */
    public List<Article> page(Instant beforePublished, long beforeId, int limit, Optional<String> topic) {
        return topic.map(t -> read(SQL.get("page-by-topic"), beforePublished, beforePublished, beforeId, t, limit))
                .orElseGet(() -> read(SQL.get("page"), beforePublished, beforePublished, beforeId, limit));
    }

    public Optional<Article> bySlug(String slug) {
        return read(SQL.get("by-slug"), slug).stream().findFirst();
    }

    public Optional<Article> byId(long id) {
        return read(SQL.get("by-id"), id).stream().findFirst();
    }

    /** The articles with these ids, in the given order; unknown ids are left out. */
    public List<Article> byIds(List<Long> ids) {
        List<Article> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            byId(id).ifPresent(out::add);
        }
        return out;
    }

    public Version version() {
        return jdbc.one(SQL.get("version"), rs -> new Version(rs.getLong("n"), Jdbc.instant(rs, "last_updated")))
                .orElseThrow();
    }

    /** Streams every article (newest published first) without holding them all in memory. */
    public void forEach(Consumer<Article> each) {
        ArticleRows rows = new ArticleRows(each);
        jdbc.stream(SQL.get("all"), rows::accept);
        rows.finish();
    }

    private List<Article> read(String sql, Object... params) {
        List<Article> out = new ArrayList<>();
        ArticleRows rows = new ArticleRows(out::add);
        jdbc.stream(sql, rows::accept, params);
        rows.finish();
        return out;
    }

    // --- per-source status -------------------------------------------------------------

    public SourceState sourceState(String sourceKey) {
        return jdbc.one(SQL.get("source-state"), rs -> new SourceState(rs.getString("etag"), rs.getString("last_modified")),
                sourceKey).orElse(SourceState.NONE);
    }

    /** Records a successful fetch with its new validators and the number of items it delivered. */
    public void sourceSucceeded(String sourceKey, SourceState state, int itemCount) {
        updateSource(SQL.get("source-success"), sourceKey, state.etag(), state.lastModified(), clock.instant(),
                itemCount, sourceKey);
    }

    public void sourceFailed(String sourceKey, String reason) {
        String cut = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        updateSource(SQL.get("source-failure"), sourceKey, cut, clock.instant(), sourceKey);
    }

    /** Last known status of one source, for reports and the admin pages. */
    public record SourceStatus(String sourceKey, Instant lastSuccess, String lastError, Instant lastErrorAt, int itemCount) {}

    public Optional<SourceStatus> sourceStatus(String sourceKey) {
        return jdbc.one(SQL.get("source-status"), rs -> new SourceStatus(rs.getString("source_key"),
                Jdbc.instant(rs, "last_success"), rs.getString("last_error"), Jdbc.instant(rs, "last_error_at"),
                rs.getInt("item_count")), sourceKey);
    }

    /** Portable upsert: the first status of a source inserts its row, then the update runs again. */
    private void updateSource(String sql, String sourceKey, Object... params) {
        if (jdbc.update(sql, params) == 0) {
            jdbc.update(SQL.get("source-insert"), sourceKey);
            jdbc.update(sql, params);
        }
    }

    /** Folds the (article, topic) rows of the joined queries into one Article per id. */
    private static final class ArticleRows {
        private final Consumer<Article> sink;
        private ResultSetArticle current;

        ArticleRows(Consumer<Article> sink) {
            this.sink = sink;
        }

        void accept(ResultSet rs) throws SQLException {
            long id = rs.getLong("id");
            if (current == null || current.id != id) {
                finish();
                current = new ResultSetArticle(rs);
            }
            String topic = rs.getString("topic");
            if (topic != null) {
                current.topics.add(topic);
            }
        }

        void finish() {
            if (current != null) {
                sink.accept(current.toArticle());
                current = null;
            }
        }
    }

    private static final class ResultSetArticle {
        final long id;
        final Article base;
        final List<String> topics = new ArrayList<>();

        ResultSetArticle(ResultSet rs) throws SQLException {
            id = rs.getLong("id");
            base = new Article(id, rs.getString("source_key"), rs.getString("guid"), rs.getString("slug"),
                    rs.getString("title"), rs.getString("link"), rs.getString("author"), rs.getString("summary"),
                    rs.getString("content_html"), rs.getString("content_text"), rs.getString("image_url"),
                    rs.getString("language"), List.of(), Jdbc.instant(rs, "published_at"),
                    Jdbc.instant(rs, "collected_at"), Jdbc.instant(rs, "updated_at"));
        }

        Article toArticle() {
            return new Article(base.id(), base.sourceKey(), base.guid(), base.slug(), base.title(), base.link(),
                    base.author(), base.summary(), base.contentHtml(), base.contentText(), base.imageUrl(),
                    base.language(), List.copyOf(topics), base.publishedAt(), base.collectedAt(), base.updatedAt());
        }
    }
}
