package org.rundbrief.edition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;
import org.rundbrief.subscriber.Cadence;

/** The edition tables and the planning queries (src/main/resources/sql/edition.sql). */
public final class EditionStore {
    private static final Queries SQL = Queries.load("/sql/edition.sql");
    private final Jdbc jdbc;

    public EditionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /**
     * A new edition with the next number (the last one plus one: no gaps). Takes the articles lock
     * until the transaction ends (the caller's, if any), so no other edition gets the same number.
     */
    public long insert(Cadence cadence, String topic, Edition.Status status, Instant cutoff, Instant now) {
        return jdbc.inTransaction(() -> {
            jdbc.lock(ArticleStore.ARTICLES_LOCK);
            long number = jdbc.count(SQL.get("next-edition-number"));
            jdbc.update(SQL.get("insert-edition"), number, cadence, topic, status, cutoff, now);
            return number;
        });
    }

    public int freezeArticles(long editionId, Instant cutoff, Instant collectedAfter, Instant publishedSince, String topic) {
        return jdbc.update(SQL.get("freeze-articles"), editionId, cutoff, collectedAfter, publishedSince, topic, topic);
    }

    Optional<Instant> minWatermark(Cadence cadence) {
        return jdbc.one(SQL.get("min-watermark"), rs -> Jdbc.instant(rs, 1), cadence)
                ;
    }

    /** A first issue: confirmed subscribers of the cadence who never got a digest get the watermark {@code since}. */
    int rewindNewcomers(Cadence cadence, Instant since) {
        return jdbc.update(SQL.get("rewind-newcomers"), since, cadence, since);
    }

    NothingNew nothingNew(Cadence cadence, String topic, Instant publishedSince, int maxAgeDays) {
        record Newcomers(long count, Instant lastWatermark) {}
        long subscribers = jdbc.count(SQL.get("count-confirmed"), cadence);
        Newcomers n = jdbc.one(SQL.get("newcomers"), rs -> new Newcomers(rs.getLong(1), Jdbc.instant(rs, 2)), cadence)
                .orElseThrow();
        Instant signUp = n.lastWatermark() == null ? Instant.EPOCH : n.lastWatermark();
        long[] articles = jdbc.one(SQL.get("recent-articles"), rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                signUp, publishedSince, topic, topic).orElseThrow();
        return new NothingNew(subscribers, n.count(), articles[0], articles[1], maxAgeDays);
    }

    long maxSubscriberId() {
        return jdbc.count(SQL.get("max-subscriber-id"));
    }

    int planWindow(long editionId, long fromExclusive, long toInclusive) {
        return jdbc.update(SQL.get("plan-deliveries"), editionId, fromExclusive, toInclusive, fromExclusive, toInclusive);
    }

    /** Planning is done: the edition becomes sendable, unless it was paused or cancelled meanwhile. */
    void planned(long editionId, Instant now) {
        jdbc.update(SQL.get("planned"), now, editionId);
    }

    /** Takes or renews the planning lease of the edition for {@code owner} until {@code until}; false when another planner holds it. */
    boolean takePlanning(long editionId, String owner, Instant until, Instant now) {
        return jdbc.update(SQL.get("take-planning"), owner, until, editionId, owner, now) == 1;
    }

    /** Gives {@code owner}'s planning lease of the edition back (a planner that stops before the end). */
    void giveUpPlanning(long editionId, String owner) {
        jdbc.update(SQL.get("give-up-planning"), editionId, owner);
    }

    /** Editions left in state planning by a planner that is gone (its lease ran out, or it had none). */
    public List<Edition> stranded(Instant now) {
        return jdbc.list(SQL.get("stranded-editions"), EditionStore::map, now);
    }

    void advanceWatermarks(Edition edition, long fromExclusive, long toInclusive) {
        jdbc.update(SQL.get("advance-watermarks"), edition.cutoff(), fromExclusive, toInclusive, edition.id());
    }

    /** Gives subscribers whose delivery of this edition was cancelled their previous watermark back. */
    int rewindWatermarks(long editionId) {
        return jdbc.update(SQL.get("rewind-watermarks"), editionId, editionId, editionId);
    }

    /** One delivery's digest: the ids of the articles new for its subscriber, newest first. */
    public record NewArticles(long deliveryId, long subscriberId, List<Long> articleIds) {}

    /**
     * The digests of some deliveries of the edition (a claimed page), in one query, in delivery id
     * order; a delivery with nothing new is left out. The query reads the id range the deliveries
     * span (a page is consecutive rows of the edition) and drops the others: H2 checks "id =
     * ANY(array)" against each element for every row it reads (~40 % of the page's reading time).
     */
    public List<NewArticles> newArticles(long editionId, Collection<Long> deliveryIds) {
        Set<Long> wanted = new HashSet<>(deliveryIds);
        List<NewArticles> out = new ArrayList<>(deliveryIds.size());
        var folder = new Object() {
            long delivery = -1;
            long subscriber;
            List<Long> ids = new ArrayList<>();

            void row(ResultSet rs) throws SQLException {
                if (!wanted.contains(rs.getLong(1))) {
                    return;
                }
                if (rs.getLong(1) != delivery) {
                    emit();
                    delivery = rs.getLong(1);
                    subscriber = rs.getLong(2);
                }
                ids.add(rs.getLong(3));
            }

            void emit() {
                if (!ids.isEmpty()) {
                    out.add(new NewArticles(delivery, subscriber, List.copyOf(ids)));
                    ids.clear();
                }
            }
        };
        jdbc.stream(SQL.get("articles-for-deliveries"), folder::row, editionId, Collections.min(deliveryIds),
                Collections.max(deliveryIds));
        folder.emit();
        return out;
    }

    /**
     * Whether another topic edition holds one of the edition's articles: only then may an article
     * be withheld from a digest as sent there already, and only then must a digest's articles come
     * from {@link #newArticles}.
     */
    public boolean sharesTopicEditions(long editionId) {
        return jdbc.one(SQL.get("shares-topic-editions"), rs -> true, editionId).isPresent();
    }

    /** A delivery row outside planning: the previews add one to an edition they roll back. */
    public long insertDelivery(long editionId, long subscriberId, Instant since, Instant now) {
        return jdbc.insert(SQL.get("insert-delivery"), editionId, subscriberId, since, now);
    }

    public List<Long> articleIds(long editionId) {
        return jdbc.list(SQL.get("edition-article-ids"), rs -> rs.getLong(1), editionId);
    }

    public Optional<Instant> previousCutoff(Edition edition) {
        return jdbc.one(SQL.get("previous-cutoff"), rs -> Jdbc.instant(rs, 1),
                edition.cadence(), edition.id());
    }

    public void setStatus(long editionId, Edition.Status status) {
        jdbc.update(SQL.get("set-status"), status, editionId);
    }

    public void finish(long editionId, Instant now) {
        jdbc.update(SQL.get("finish"), now, editionId);
    }

    void delete(long editionId) {
        jdbc.update(SQL.get("delete-edition"), editionId);
    }

    long deliveryCount(long editionId) {
        return jdbc.count(SQL.get("count-deliveries"), editionId);
    }

    public Optional<Edition> byId(long id) {
        return jdbc.one(SQL.get("edition-by-id"), EditionStore::map, id);
    }

    /** Planned editions in state sending (of every cadence), oldest first. */
    public List<Edition> sending() {
        return jdbc.list(SQL.get("sending-editions"), EditionStore::map);
    }

    public List<Edition> unfinished(Cadence cadence) {
        return jdbc.list(SQL.get("unfinished-editions"), EditionStore::map, cadence);
    }

    /** Every paused edition, oldest first: at most one per cadence and topic, each holding back new ones. */
    public List<Edition> paused() {
        return jdbc.list(SQL.get("paused-editions"), EditionStore::map);
    }

    /** The oldest paused edition of the cadence and topic ({@code null}: regular editions). */
    Optional<Edition> paused(Cadence cadence, String topic) {
        return jdbc.one(SQL.get("paused-edition"), EditionStore::map, cadence, topic);
    }

    /**
     * Replaces the admin's own subject and introduction {@code before} (what the edit was made on)
     * with {@code texts}; false unless the edition is paused and its texts are still {@code before}.
     */
    public boolean setTexts(long id, Edition.Texts before, Edition.Texts texts) {
        return jdbc.update(SQL.get("set-texts"), texts.subject(), texts.introHtml(), texts.introMarkdown(), id,
                before.subject(), before.introHtml(), before.introMarkdown()) > 0;
    }

    /** Changes whenever an edition starts or finishes sending (what the public pages show); cheap to ask. */
    public PublicVersion publicVersion() {
        return jdbc.one(SQL.get("public-version"),
                rs -> new PublicVersion(rs.getLong("done"), rs.getLong("sending"), rs.getLong("last_id"))).orElseThrow();
    }

    public record PublicVersion(long done, long sending, long lastId) {}

    public List<Edition> recentDone(int limit) {
        return jdbc.list(SQL.get("recent-editions"), EditionStore::map, limit);
    }

    private static Edition map(ResultSet rs) throws SQLException {
        return new Edition(rs.getLong("id"), Cadence.parse(rs.getString("cadence")), rs.getString("topic"),
                Edition.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                Jdbc.instant(rs, "cutoff"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "planned_at"),
                Jdbc.instant(rs, "finished_at"),
                new Edition.Texts(rs.getString("subject"), rs.getString("intro_html"), rs.getString("intro_markdown")));
    }
}
