package org.rundbrief.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Jdbc.RowMapper;
import org.rundbrief.store.Queries;
import org.rundbrief.subscriber.SearchWords;
import org.rundbrief.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin queries (src/main/resources/sql/admin.sql): audit rows, searches, counts, overviews. */
public final class AdminStore {
    private static final Logger log = LoggerFactory.getLogger(AdminStore.class);
    private static final Queries SQL = Queries.load("/sql/admin.sql");
    /**
     * From this many members on, the dashboard's counts come from {@link Recounted}: at a million
     * members one count over the list or the delivery history took seconds on H2 (bench/README.md).
     */
    static final long LARGE_LIST = 50_000;
    /** How old the counts of a large list may be before a view starts a recount in the background. */
    static final Duration RECOUNT_AFTER = Duration.ofMinutes(5);

    private final Jdbc jdbc;
    private final long largeList;
    private final Recounted<Map<String, Long>> byStatus;
    private final Map<StatsView, Recounted<Stats>> stats = new ConcurrentHashMap<>();
    private final Clock clock;

    public AdminStore(Jdbc jdbc, Clock clock) {
        this(jdbc, clock, LARGE_LIST);
    }

    /** {@code largeList}: the number of members from which counts are cached (tests use small ones). */
    public AdminStore(Jdbc jdbc, Clock clock, long largeList) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.largeList = largeList;
        this.byStatus = new Recounted<>("members-by-status", clock, RECOUNT_AFTER);
    }

    void insertAudit(AuditLog.Entry e) {
        jdbc.insert(SQL.get("insert-audit"), e.at(), e.actor(), e.channel(), e.ip(), e.action(), e.target(), e.detail());
    }

    List<AuditLog.Entry> recentAudit(int limit) {
        return jdbc.list(SQL.get("recent-audit"), AdminStore::auditEntry, limit);
    }

    /** The newest audit entry about {@code target} (e.g. {@code article:12}); empty when there is none. */
    Optional<AuditLog.Entry> latestAuditOf(String target) {
        return jdbc.one(SQL.get("latest-audit-of"), AdminStore::auditEntry, target);
    }

    private static AuditLog.Entry auditEntry(ResultSet rs) throws SQLException {
        return new AuditLog.Entry(Jdbc.instant(rs, "at"), rs.getString("actor"), rs.getString("channel"), rs.getString("ip"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail"));
    }

    /**
     * How many members match {@code term} and {@code status} (null: any), as {@link #membersAfter}
     * finds them: reads every member the term's rarest word leads to (with a common word, the list),
     * so the API counts only when asked ({@code ?total=true}).
     */
    public long countMembers(String term, Subscriber.Status status) {
        String st = status == null ? null : status.id();
        Optional<EmailAddress> address = wholeAddress(term);
        long exact = address.isEmpty() ? 0 : jdbc.count(SQL.get("count-members-with-address"), address.get().value(), st, st);
        if (exact > 0) {
            return exact;
        }
        List<String> words = SearchWords.ofTerm(term);
        if (words.isEmpty()) {
            return jdbc.count(SQL.get("count-members"), st, st);
        }
        long[] count = {0};
        matching(words, st, 0, r -> ++count[0] > 0);
        return count[0];
    }

    /** A row of the member list page. */
    public record MemberRow(long id, String email, String name, String status, String cadence) {}

    /**
     * Up to {@code limit} members matching {@code term} and {@code status} (null: any) with an id
     * above {@code afterId}, in id order: the member list pages through with the last id it showed,
     * so no page reads more than it needs and no count of the whole list is made. A member matches
     * when each word of the term begins one of their words ({@link SearchWords}: address, its parts,
     * name); a term that is a member's whole address finds that member by the unique index.
     */
    public List<MemberRow> membersAfter(String term, Subscriber.Status status, long afterId, int limit) {
        String st = status == null ? null : status.id();
        Optional<EmailAddress> address = wholeAddress(term);
        List<MemberRow> exact = address.isEmpty() ? List.of()
                : jdbc.list(SQL.get("members-with-address-after"), MEMBER_ROW, address.get().value(), st, st, afterId, limit);
        if (!exact.isEmpty()) {
            return exact;
        }
        List<String> words = SearchWords.ofTerm(term);
        if (words.isEmpty()) {
            return jdbc.list(SQL.get("members-after"), MEMBER_ROW, st, st, afterId, limit);
        }
        List<MemberRow> found = new ArrayList<>(limit);
        matching(words, st, afterId, r -> found.add(r) && found.size() < limit);
        return found;
    }

    private static final RowMapper<MemberRow> MEMBER_ROW = rs -> new MemberRow(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5));

    /** Up to this many word index entries of a term's rarest word, the search reads the members through the index. */
    static final int FEW = 2000;
    /** How many members of the list a search with only common words reads at a time. */
    static final int WALK = 500;

    /**
     * Gives the members with status {@code st} (null: any) and an id above {@code afterId} who have,
     * for each of the term's {@code words}, a word beginning with it to {@code each}, in id order,
     * until it answers false. The term's rarest word decides the way: when at most {@value #FEW}
     * index entries begin with it, those members are read through the word index (the index's key
     * range of the word), and then the members above the words' mark ({@link SearchWords#MARK}: added
     * since the catch-up last ran, usually none) from the list; when more do, the list is read in id
     * order, {@value #WALK} rows at a time, and as so many members have the word a page fills soon.
     * Either way a member's own words are checked on the row ({@link SearchWords#match}): the index
     * is read for one word only.
     */
    private void matching(List<String> words, String st, long afterId, Predicate<MemberRow> each) {
        Rarest rarest = rarest(words);
        if (rarest.entries() > FEW) {
            walk(words, rarest.word(), st, afterId, each);
            return;
        }
        long mark = jdbc.one(SQL.get("search-words-mark"), rs -> Long.parseLong(rs.getString(1)), SearchWords.MARK).orElse(0L);
        boolean[] more = {true};
        if (afterId < mark) {
            jdbc.stream(SQL.get("members-with-word-after"), rs -> {
                MemberRow r = MEMBER_ROW.map(rs);
                if (more[0] && SearchWords.match(r.email(), r.name(), words)) {
                    more[0] = each.test(r);
                }
            }, rarest.word(), SearchWords.after(rarest.word()), afterId, mark, st, st);
        }
        if (more[0]) {
            walk(words, rarest.word(), st, Math.max(afterId, mark), each);
        }
    }

    /** {@link #matching} along the list: the members after {@code afterId} whose address or name contains {@code rarest}, checked. */
    private void walk(List<String> words, String rarest, String st, long afterId, Predicate<MemberRow> each) {
        // a word has only letters and digits, no LIKE wildcard
        String contains = "%" + rarest + "%";
        long after = afterId;
        List<MemberRow> rows;
        do {
            rows = jdbc.list(SQL.get("members-containing-after"), MEMBER_ROW, after, st, st, contains, contains, WALK);
            for (MemberRow r : rows) {
                if (SearchWords.match(r.email(), r.name(), words) && !each.test(r)) {
                    return;
                }
                after = r.id();
            }
        } while (rows.size() == WALK);
    }

    /** A word of a search term and how many index entries begin with it (counted up to {@link #FEW} + 1). */
    private record Rarest(String word, long entries) {}

    private Rarest rarest(List<String> words) {
        Rarest best = null;
        for (String w : words) {
            long entries = jdbc.count(SQL.get("count-word-entries"), w, SearchWords.after(w), FEW + 1);
            if (best == null || entries < best.entries()) {
                best = new Rarest(w, entries);
            }
        }
        return best;
    }

    /**
     * A search term that is a whole address finds that member by the unique index on email instead
     * of the word index (the office mostly looks a member up by their address). Only when no
     * member has that address are the words searched.
     */
    private static Optional<EmailAddress> wholeAddress(String term) {
        if (term == null || term.indexOf('@') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(EmailAddress.parse(term));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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

    /** Which numbers: the dashboard's (the last 14 days, the newest 5 failures) or /api/stats' (30 days, 20). */
    public enum StatsView {
        DASHBOARD(14, 5), API(30, 20);

        final Duration window;
        final int failuresShown;

        StatsView(int days, int failuresShown) {
            this.window = Duration.ofDays(days);
            this.failuresShown = failuresShown;
        }
    }

    /**
     * The numbers of a view: members by status, cadence and topic, sends per day in its window,
     * and the failed deliveries of the editions created in it (the newest ones listed). On a large
     * list ({@link #LARGE_LIST} members or more) they are up to {@link #RECOUNT_AFTER} old, as
     * {@link Stats#countedAt()} says; on a small one they are counted now ({@code countedAt} null).
     */
    public Stats stats(StatsView view) {
        if (!large()) {
            return countStats(view);
        }
        var counted = stats.computeIfAbsent(view, v -> new Recounted<>("stats-" + v, clock, RECOUNT_AFTER))
                .get(() -> countStats(view));
        return counted.value().countedAt(counted.at());
    }

    /**
     * On a large list, counts every view's numbers in the background (at start), so that the
     * first dashboard view does not wait for them.
     */
    public void countAhead() {
        Thread t = new Thread(() -> {
            try {
                if (large()) {
                    for (StatsView view : StatsView.values()) {
                        stats(view);
                    }
                    subscribersByStatus();
                }
            } catch (RuntimeException e) {
                log.warn("counting the dashboard's numbers ahead failed: {}", e.toString());
            }
        }, "count-ahead");
        t.setDaemon(true);
        t.start();
    }

    private Stats countStats(StatsView view) {
        Instant since = clock.instant().minus(view.window);
        int failuresShown = view.failuresShown;
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        jdbc.stream(SQL.get("sends-per-day"), rs -> perDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2)),
                since.minus(LATE_RETRIES), since);
        List<Stats.Failure> failures = jdbc.list(SQL.get("failures"), rs -> new Stats.Failure(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5)), since, failuresShown);
        return new Stats(counts("subscribers-by-status"), counts("subscribers-by-cadence"),
                counts("subscribers-by-topic"), perDay, jdbc.count(SQL.get("count-failures"), since), failures, null);
    }

    /** How long before a day's sends their edition may have been created (retries back off up to 1 h, 6 times). */
    private static final Duration LATE_RETRIES = Duration.ofDays(2);

    /** Subscribers per status (for the metrics gauges); on a large list up to {@link #RECOUNT_AFTER} old. */
    public Map<String, Long> subscribersByStatus() {
        return large() ? byStatus.get(() -> counts("subscribers-by-status")).value() : counts("subscribers-by-status");
    }

    /** Whether the member list is long enough for cached counts: the highest id, read from the primary key's end. */
    private boolean large() {
        return jdbc.count(SQL.get("highest-subscriber-id")) >= largeList;
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
        return jdbc.list(SQL.get("sources"), ArticleStore.SourceStatus::of);
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

    /** Approves the edition with {@code seen} as its texts; false when it was approved already or its texts are no longer {@code seen}. */
    boolean approve(long editionId, String by, Instant at, Edition.Texts seen) {
        return jdbc.update(SQL.get("approve"), by, at, editionId, seen.subject(), seen.introHtml(), seen.introMarkdown()) > 0;
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
