package org.rundbrief.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/**
 * Articles in the database ({@code sql/article.sql}): stores collected articles by identity
 * (source key + guid) and reads them for editions, feeds and pages. Also keeps the per-source
 * polite-fetch state and status in the {@code source} table. Other SQL on these tables: planning
 * reads articles to freeze an edition's set and to find what is new ({@code sql/edition.sql}), and
 * the admin's queries show the sources and find and remove a manual article ({@code sql/admin.sql}).
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
     * A draft without a date is dated now (a post written by hand); see {@link #writer} for collected ones.
     */
    public Upsert upsert(String sourceKey, ArticleDraft draft) {
        return jdbc.inTransaction(() -> {
            jdbc.lock(ARTICLES_LOCK);
            Map<String, Stored> known = new HashMap<>();
            jdbc.one(SQL.get("find-identity"), ArticleStore::stored, sourceKey, draft.guid())
                    .ifPresent(stored -> known.put(draft.guid(), stored));
            SourceWriter writer = new BatchWriter(sourceKey, known, false);
            Upsert result = writer.upsert(draft);
            writer.flush();
            return result;
        });
    }

    /**
     * A writer for the articles of one source fetch: reads the source's stored identities with one
     * query instead of one per article, and inserts new articles in JDBC batches. Must be called
     * inside {@link #inTransaction} (so the fetch lands whole, and {@link SourceWriter#flush} must
     * run before it ends); takes {@link #ARTICLES_LOCK} until that transaction ends. With
     * {@code datelessIsUndated} (feeds, html pages: the source failed to give a date) a new draft
     * without a date is stored {@link Article#undated}; otherwise it is dated when collected.
     */
    public SourceWriter writer(String sourceKey, boolean datelessIsUndated) {
        jdbc.lock(ARTICLES_LOCK);
        Map<String, Stored> known = new HashMap<>();
        jdbc.stream(SQL.get("source-identities"), rs -> known.put(rs.getString("guid"), stored(rs)), sourceKey);
        return new BatchWriter(sourceKey, known, datelessIsUndated);
    }

    /** Stores drafts of one source; see {@link #writer(String)}. */
    public interface SourceWriter {
        /** Stores (or queues for the next batch) one draft; what it does is known at once. */
        Upsert upsert(ArticleDraft draft);

        /** Writes the queued new articles; before the transaction commits. */
        void flush();
    }

    /**
     * Taken before {@code collected_at} is read from the clock and held until commit; an edition
     * takes it before its cutoff (EditionPlanner), so no article is collected "before" a cutoff
     * but committed after it.
     */
    public static final String ARTICLES_LOCK = "articles";
    /** New articles per JDBC batch: bounded memory, few round trips. */
    private static final int BATCH = 200;

    /**
     * New articles are queued and inserted in batches (in arrival order, so ids follow the feed);
     * their topics follow by identity. Changed articles are updated at once (they are rare).
     * Slugs stay unique across the queue as well as the table.
     */
    private final class BatchWriter implements SourceWriter {
        private final String sourceKey;
        private final Map<String, Stored> known;
        private final List<Object[]> articles = new ArrayList<>();
        private final List<Object[]> topics = new ArrayList<>();
        private final java.util.Set<String> queuedSlugs = new java.util.HashSet<>();
        /** Whether a new draft without a date is undated rather than dated when collected. */
        private final boolean datelessIsUndated;

        BatchWriter(String sourceKey, Map<String, Stored> known, boolean datelessIsUndated) {
            this.sourceKey = sourceKey;
            this.known = known;
            this.datelessIsUndated = datelessIsUndated;
        }

        @Override
        public Upsert upsert(ArticleDraft draft) {
            Stored stored = known.get(draft.guid());
            if (stored != null) {
                return update(sourceKey, draft, stored);
            }
            Instant now = clock.instant();
            Instant published = draft.publishedAt() != null ? draft.publishedAt() : now;
            String slug = uniqueSlug(draft.title(), queuedSlugs);
            queuedSlugs.add(slug);
            articles.add(new Object[] {sourceKey, draft.guid(), slug, draft.title(), draft.link(), draft.author(),
                    draft.summary(), draft.contentHtml(), draft.contentText(), draft.imageUrl(), draft.language(),
                    draft.contentHash(), published, now, now, datelessIsUndated && draft.publishedAt() == null});
            for (String topic : draft.topics()) {
                topics.add(new Object[] {topic, sourceKey, draft.guid()});
            }
            if (articles.size() >= BATCH) {
                flush();
            }
            return Upsert.NEW;
        }

        @Override
        public void flush() {
            jdbc.batch(SQL.get("insert-article"), articles);
            jdbc.batch(SQL.get("insert-topic-by-identity"), topics);
            articles.clear();
            topics.clear();
            queuedSlugs.clear();
        }
    }

    /** A stored article seen again: changed content hash → updated in place; same hash → nothing written. */
    private Upsert update(String sourceKey, ArticleDraft draft, Stored stored) {
        if (stored.contentHash().equals(draft.contentHash())) {
            return Upsert.UNCHANGED;
        }
        Instant now = clock.instant();
        Instant published = draft.publishedAt() != null ? draft.publishedAt() : stored.publishedAt();
        jdbc.update(SQL.get("update-article"), draft.title(), draft.link(), draft.author(), draft.summary(),
                draft.contentHtml(), draft.contentText(), draft.imageUrl(), draft.language(),
                draft.contentHash(), published, now, draft.publishedAt() == null, stored.id());
        jdbc.update(SQL.get("delete-topics"), stored.id());
        List<Object[]> rows = new ArrayList<>();
        for (String topic : draft.topics()) {
            rows.add(new Object[] {stored.id(), topic});
        }
        jdbc.batch(SQL.get("insert-topic"), rows);
        return Upsert.UPDATED;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("content_hash"), Jdbc.instant(rs, "published_at"));
    }

    /** Takes {@link #ARTICLES_LOCK} until the surrounding transaction ends (see {@link #inTransaction}). */
    public void lock() {
        jdbc.lock(ARTICLES_LOCK);
    }

    /** Runs {@code work} in one transaction: everything it stores lands together or not at all. */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return jdbc.inTransaction(work::get);
    }

    private record Stored(long id, String contentHash, Instant publishedAt) {}

    private String uniqueSlug(String title, java.util.Set<String> queued) {
        String base = Slugs.of(title);
        String slug = base;
        for (int n = 2; queued.contains(slug) || jdbc.count(SQL.get("slug-taken"), slug) > 0; n++) {
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

    /** The admin's list: newest published first, hidden articles included. */
    public List<Article> recentForDesk(int limit) {
        return read(SQL.get("recent-for-desk"), limit);
    }

    /**
     * Hides an article from new editions, the feeds and the archive (which also ends a post's
     * schedule), or shows it again: a post never public before goes public as by {@link #goPublic}.
     * False for an unknown id.
     */
    public boolean setHidden(long id, boolean hidden) {
        return jdbc.inTransaction(() -> {
            jdbc.lock(ARTICLES_LOCK);
            if (!hidden && goPublic(id)) {
                return true;
            }
            return jdbc.update(SQL.get("set-hidden"), hidden, clock.instant(), id) > 0;
        });
    }

    /**
     * How a post written on the admin pages stands after a save, in the transaction that stored its
     * content: its Markdown (null: sent as HTML), hidden or not, never public yet or not, and when a
     * scheduled one goes public by itself (null: not scheduled).
     */
    public void setPostState(long id, String markdown, boolean hidden, boolean unpublished, Instant publishAt) {
        jdbc.update(SQL.get("set-post-state"), markdown, hidden, unpublished, publishAt, clock.instant(), id);
    }

    /**
     * A post never public before goes public now: shown, and collected now, so every digest counts it
     * as new from this moment (not from when it was written) and exactly once. Takes
     * {@link #ARTICLES_LOCK} like every write of collected_at. False when the article is public already.
     */
    public boolean goPublic(long id) {
        return jdbc.inTransaction(() -> {
            jdbc.lock(ARTICLES_LOCK);
            Instant now = clock.instant();
            return jdbc.update(SQL.get("go-public"), now, now, id) > 0;
        });
    }

    /**
     * Makes the scheduled posts whose publish time has come public ({@link #goPublic}), at most
     * {@code limit} per call, oldest publish time first; the ids made public. Under {@link #ARTICLES_LOCK}:
     * of several nodes looking at once, each post is made public by exactly one. A look that finds
     * nothing due (almost every one) reads the index only and takes no lock.
     */
    public List<Long> publishDue(int limit) {
        if (duePosts(limit).isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(() -> {
            jdbc.lock(ARTICLES_LOCK);
            List<Long> due = duePosts(limit); // again under the lock: another node may have made them public
            due.removeIf(id -> !goPublic(id));
            return due;
        });
    }

    private List<Long> duePosts(int limit) {
        List<Long> due = new ArrayList<>();
        jdbc.stream(SQL.get("due-posts"), rs -> due.add(rs.getLong("id")), clock.instant(), limit);
        return due;
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
        sourceSucceeded(sourceKey, state, itemCount, List.of());
    }

    /**
     * As above, with the warnings of this collect (selectors that matched nothing); none clears the
     * old ones. Stored as the English text (cut to 2000 characters) and as notes for the admin pages.
     */
    public void sourceSucceeded(String sourceKey, SourceState state, int itemCount, List<SourceNote> warnings) {
        String warning = warnings.isEmpty() ? null : cut(String.join("; ", warnings.stream().map(SourceNote::text).toList()));
        updateSource(SQL.get("source-success"), sourceKey, state.etag(), state.lastModified(), clock.instant(),
                itemCount, warning, SourceNotesJson.write(warnings), sourceKey);
    }

    /** The validators of the article pages of a source, by page URL (= guid), for pages whose article is stored. */
    public Map<String, SourceState> pageValidators(String sourceKey) {
        Map<String, SourceState> pages = new HashMap<>();
        jdbc.stream(SQL.get("page-validators"), rs -> pages.put(rs.getString("url"),
                new SourceState(rs.getString("etag"), rs.getString("last_modified"))), sourceKey);
        return pages;
    }

    /** Remembers the validators of an article page (none: forgets them); inside the source's transaction. */
    public void pageFetched(String sourceKey, String url, SourceState validators) {
        jdbc.update(SQL.get("page-validators-delete"), sourceKey, url);
        if ((validators.etag() != null || validators.lastModified() != null) && url.length() <= 1000) {
            jdbc.update(SQL.get("page-validators-insert"), sourceKey, url, validators.etag(), validators.lastModified());
        }
    }

    public void sourceFailed(String sourceKey, SourceNote reason) {
        updateSource(SQL.get("source-failure"), sourceKey, cut(reason.text()), clock.instant(),
                SourceNotesJson.write(List.of(reason)), sourceKey);
    }

    private static String cut(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /**
     * Last known status of one source, for reports and the admin pages: {@code lastError} and
     * {@code lastWarning} in English, {@code errorNotes} (none or one) and {@code warningNotes} to be
     * said in the reader's language (a row stored before there were notes gives its text as a plain note).
     */
    public record SourceStatus(String sourceKey, Instant lastSuccess, String lastError, Instant lastErrorAt, int itemCount,
                               String lastWarning, List<SourceNote> errorNotes, List<SourceNote> warningNotes) {
        /** Reads a row of {@code source-status} (or the admin's {@code sources}). */
        public static SourceStatus of(ResultSet rs) throws SQLException {
            String error = rs.getString("last_error");
            String warning = rs.getString("last_warning");
            return new SourceStatus(rs.getString("source_key"), Jdbc.instant(rs, "last_success"), error,
                    Jdbc.instant(rs, "last_error_at"), rs.getInt("item_count"), warning,
                    error == null ? List.of() : SourceNotesJson.read(rs.getString("last_error_note"), error),
                    warning == null ? List.of() : SourceNotesJson.read(rs.getString("last_warning_notes"), warning));
        }
    }

    public Optional<SourceStatus> sourceStatus(String sourceKey) {
        return jdbc.one(SQL.get("source-status"), SourceStatus::of, sourceKey);
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
                    Jdbc.instant(rs, "collected_at"), Jdbc.instant(rs, "updated_at"), rs.getBoolean("undated"),
                    rs.getBoolean("hidden"), rs.getString("content_markdown"), rs.getBoolean("unpublished"),
                    Jdbc.instant(rs, "publish_at"));
        }

        Article toArticle() {
            return new Article(base.id(), base.sourceKey(), base.guid(), base.slug(), base.title(), base.link(),
                    base.author(), base.summary(), base.contentHtml(), base.contentText(), base.imageUrl(),
                    base.language(), List.copyOf(topics), base.publishedAt(), base.collectedAt(), base.updatedAt(),
                    base.undated(), base.hidden(), base.markdown(), base.unpublished(), base.publishAt());
        }
    }
}
