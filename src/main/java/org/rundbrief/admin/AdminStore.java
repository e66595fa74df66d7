package org.rundbrief.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;
import org.rundbrief.subscriber.Subscriber;

/** The admin queries (src/main/resources/sql/admin.sql): audit rows, searches, counts, overviews. */
public final class AdminStore {
    private static final Queries SQL = Queries.load("/sql/admin.sql");
    private final Jdbc jdbc;

    public AdminStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insertAudit(AuditLog.Entry e) {
        jdbc.insert(SQL.get("insert-audit"), e.at(), e.actor(), e.channel(), e.ip(), e.action(), e.target(), e.detail());
    }

    List<AuditLog.Entry> recentAudit(int limit) {
        return jdbc.list(SQL.get("recent-audit"), rs -> new AuditLog.Entry(Jdbc.instant(rs, "at"), rs.getString("actor"),
                rs.getString("channel"), rs.getString("ip"), rs.getString("action"), rs.getString("target"),
                rs.getString("detail")), limit);
    }

    /**
     * How many members match {@code term} and {@code status} (null: any). Reads every matching row
     * (with a term: every row), so the API counts only when asked ({@code ?total=true}).
     */
    public long countMembers(String term, Subscriber.Status status) {
        String like = like(term);
        String st = status == null ? null : status.id();
        return jdbc.count(SQL.get("count-search-subscribers"), like, like, st, st);
    }

    /** A row of the member list page. */
    public record MemberRow(long id, String email, String name, String status, String cadence) {}

    /**
     * Up to {@code limit} members matching {@code term} (email or name) and {@code status} (null:
     * any) with an id above {@code afterId}, in id order: the member list pages through with the
     * last id it showed, so no page reads more than its rows and no count of the whole list is made.
     */
    public List<MemberRow> membersAfter(String term, Subscriber.Status status, long afterId, int limit) {
        String like = like(term);
        String st = status == null ? null : status.id();
        return jdbc.list(SQL.get("members-after"), rs -> new MemberRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)), like, like, st, st, afterId, limit);
    }

    /** A member whose mail bounced or who complained, with the diagnostic of their latest report (or null). */
    public record BouncedMember(long id, String email, String status, Instant since, String diagnostic) {}

    /** Bounced and complained members with an id below {@code beforeId}, newest first. */
    public List<BouncedMember> bouncedMembers(long beforeId, int limit) {
        return jdbc.list(SQL.get("bounced-members-before"), rs -> new BouncedMember(rs.getLong(1), rs.getString(2),
                rs.getString(3), Jdbc.instant(rs, 4), rs.getString(5)), beforeId, limit);
    }

    /** Suppressed addresses per reason (bounced, complained, forgotten). */
    public Map<String, Long> suppressionsByReason() {
        return counts("suppressions-by-reason");
    }

    /** The LIKE pattern of a search term: contains, case-insensitive. */
    private static String like(String term) {
        return "%" + escapeLike(term == null ? "" : term.trim().toLowerCase(Locale.ROOT)) + "%";
    }

    /** LIKE wildcards typed by the admin are matched literally (H2 and PostgreSQL both use \ as the default escape). */
    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * The dashboard's numbers: sends per day since {@code since}, and the failed deliveries of the
     * editions created since then (the newest {@code failuresShown} of them listed).
     */
    public Stats stats(Instant since, int failuresShown) {
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        jdbc.stream(SQL.get("sends-per-day"), rs -> perDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2)),
                since.minus(LATE_RETRIES), since);
        List<Stats.Failure> failures = jdbc.list(SQL.get("failures"), rs -> new Stats.Failure(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5)), since, failuresShown);
        return new Stats(subscribersByStatus(), counts("subscribers-by-cadence"),
                counts("subscribers-by-topic"), perDay, jdbc.count(SQL.get("count-failures"), since), failures);
    }

    /** How long before a day's sends their edition may have been created (retries back off up to 1 h, 6 times). */
    private static final Duration LATE_RETRIES = Duration.ofDays(2);

    /** Subscribers per status (for the dashboard and the metrics gauges). */
    public Map<String, Long> subscribersByStatus() {
        return counts("subscribers-by-status");
    }

    private Map<String, Long> counts(String query) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.stream(SQL.get(query), rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    public List<Long> recentEditionIds(int offset, int limit) {
        return jdbc.list(SQL.get("recent-editions"), rs -> rs.getLong(1), limit, offset);
    }

    /** The id of the first delivery queued for an edition: whose message the preview shows. */
    public Optional<Long> firstDelivery(long editionId) {
        return jdbc.one(SQL.get("first-delivery"), rs -> rs.getLong(1), editionId);
    }

    public List<ArticleStore.SourceStatus> sources() {
        return jdbc.list(SQL.get("sources"), AdminStore::source);
    }

    private static ArticleStore.SourceStatus source(ResultSet rs) throws SQLException {
        return new ArticleStore.SourceStatus(rs.getString("source_key"), Jdbc.instant(rs, "last_success"),
                rs.getString("last_error"), Jdbc.instant(rs, "last_error_at"), rs.getInt("item_count"),
                rs.getString("last_warning"));
    }

    public Optional<Long> articleId(String sourceKey, String guid) {
        return jdbc.one(SQL.get("article-id-by-guid"), rs -> rs.getLong(1), sourceKey, guid);
    }

    /** Deletes a manual article; false when there is none with that id. */
    public boolean deleteManualArticle(long id, String manualSourceKey) {
        return jdbc.update(SQL.get("delete-manual-article"), id, manualSourceKey) > 0;
    }

    void insertApproval(long editionId, String draftedBy, boolean needsApproval) {
        jdbc.update(SQL.get("insert-approval"), editionId, draftedBy, needsApproval);
    }

    Optional<Approval> approval(long editionId) {
        return jdbc.one(SQL.get("approval"), rs -> new Approval(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                Jdbc.instant(rs, 4)), editionId);
    }

    /** False when it was approved already. */
    boolean approve(long editionId, String by, Instant at) {
        return jdbc.update(SQL.get("approve"), by, at, editionId) > 0;
    }

    void resetApproval(long editionId) {
        jdbc.update(SQL.get("reset-approval"), editionId);
    }

    /** Held editions waiting for approval: edition id and who drafted it. */
    public Map<Long, String> waitingApproval() {
        Map<Long, String> out = new LinkedHashMap<>();
        jdbc.stream(SQL.get("waiting-approval"), rs -> out.put(rs.getLong(1), rs.getString(2)));
        return out;
    }

    /** The delivery of the member with that address in an edition. */
    public Optional<Long> deliveryFor(long editionId, String email) {
        return jdbc.one(SQL.get("delivery-for-email"), rs -> rs.getLong(1), editionId, email);
    }
}
