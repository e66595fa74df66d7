package org.rundbrief.subscriber;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.PostgresCopy;
import org.rundbrief.store.Queries;

/**
 * Subscribers in the database ({@code sql/subscriber.sql}): subscribers and their topics,
 * the consent log, the suppression list and the generated secret. Reads of many subscribers are
 * streams ({@link #forEach}); nothing here loads the whole list. Every write of subscriber data goes
 * through here but one: planning moves the what-is-new watermark ({@code delivered_until}) in the
 * transaction that queues the digest ({@code sql/edition.sql}). The admin's overviews and statistics
 * read the same tables ({@code sql/admin.sql}).
 */
public final class SubscriberStore {
    private static final Queries SQL = Queries.load("/sql/subscriber.sql");
    /** The statements of PostgreSQL's own import path. */
    private static final Queries PG = Queries.load("/sql/subscriber.postgresql.sql");
    private final Jdbc jdbc;

    public SubscriberStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Subscriber> byId(long id) {
        return single(SQL.get("subscriber-by-id"), id);
    }

    public Optional<Subscriber> byEmail(EmailAddress email) {
        return single(SQL.get("subscriber-by-email"), email.value());
    }

    /** Those of {@code ids} (a few hundred at most) who are confirmed, with their topics, in id order. */
    public List<Subscriber> confirmedAmong(Collection<Long> ids) {
        List<Subscriber> found = new ArrayList<>(ids.size());
        streamJoined(SQL.get("confirmed-subscribers-among"), found::add, (Object) ids.toArray(Long[]::new));
        return found;
    }

    /** Every subscriber in id order, one at a time. */
    public void forEach(Consumer<Subscriber> each) {
        streamJoined(SQL.get("subscribers-all"), each);
    }

    /** Runs {@code work} in one transaction (joining one under way): a change and the mail it causes commit together. */
    public <T> T inTransaction(Supplier<T> work) {
        return jdbc.inTransaction(work::get);
    }

    /** Locks the member's row (if there is one) until the surrounding transaction ends ({@link #inTransaction}). */
    public void lock(long id) {
        jdbc.one(SQL.get("subscriber-lock"), rs -> rs.getLong(1), id);
    }

    /** Stores a new subscriber with its topics and the consent row, in one transaction; returns its id. */
    public long insert(NewSubscriber s, Subscriber.Status status, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            lockWordsMark(); // no catch-up of the search words passes the new id before this commits
            Instant confirmed = status == Subscriber.Status.CONFIRMED ? now : null;
            long id = jdbc.insert(SQL.get("subscriber-insert"), s.email().value(), s.name(), status, s.cadence(),
                    s.language(), now, now, confirmed, confirmed);
            insertTopics(id, s.topics());
            log(id, consent, now);
            return id;
        });
    }

    /** Which rows of an import chunk were stored, and the positions in the chunk of those that were suppressed. */
    public record ChunkResult(List<NewSubscriber> inserted, List<Integer> suppressed) {}

    /**
     * Import of one chunk in one transaction: suppressed addresses ({@code hashes.get(i)} is the
     * suppression key of {@code rows.get(i)}) and addresses already stored are left alone, so re-importing a file changes
     * nothing; the others are inserted, in chunk order. The rows of a chunk must have distinct
     * addresses (the CSV reader rejects duplicates). Set-based on both databases: PostgreSQL takes
     * the chunk by COPY and stores it with one statement ({@code sql/subscriber.postgresql.sql}); H2
     * looks the chunk's addresses up with one query each and inserts JDBC batches. The search words
     * of the new members are not written here but later by {@link SearchWordsCatchUp} (written with
     * every chunk, about five rows per member, they cost PostgreSQL half as much time again as the
     * rest of the import, bench/README.md).
     */
    public ChunkResult insertMissing(List<NewSubscriber> rows, List<String> hashes,
                                     Subscriber.Status status, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            lockWordsMark(); // no catch-up of the search words passes the new ids before this chunk commits
            return jdbc.postgres()
                    ? copyMissing(rows, hashes, status, now, consent)
                    : batchMissing(rows, hashes, status, now, consent);
        });
    }

    /**
     * After a bulk import: PostgreSQL plans queries by statistics that its autovacuum gathers only
     * a minute or so after a table has grown; until then it took the freshly filled member list for
     * a few rows and looked the sender's recipients up through the status index (a second per page
     * of 500 at 20,000 members). H2 keeps its own statistics up to date as rows change.
     */
    public void refreshStatistics() {
        if (jdbc.postgres()) {
            jdbc.execute(PG.get("analyze-members"));
        }
    }

    /**
     * PostgreSQL: the chunk goes into the session's staging table by COPY; one statement then
     * inserts the rows that are neither suppressed nor stored, with their topics and consent rows.
     */
    private ChunkResult copyMissing(List<NewSubscriber> rows, List<String> hashes,
                                    Subscriber.Status status, Instant now, Consent consent) throws SQLException {
        jdbc.execute(PG.get("import-staging-create"));
        try (PostgresCopy copy = jdbc.copyIn(PG.get("import-staging-copy"))) {
            for (int i = 0; i < rows.size(); i++) {
                NewSubscriber s = rows.get(i);
                copy.row(i, s.email().value(), s.name(), s.cadence(), s.language(), s.topics(), hashes.get(i));
            }
            copy.finish();
        }
        List<Integer> suppressed = jdbc.list(PG.get("import-suppressed-positions"), rs -> rs.getInt(1));
        Instant confirmed = status == Subscriber.Status.CONFIRMED ? now : null;
        List<NewSubscriber> fresh = new ArrayList<>(rows.size());
        jdbc.stream(PG.get("import-insert-missing"), rs -> fresh.add(rows.get(rs.getInt(1))),
                status, now, now, confirmed, confirmed,
                consent.action(), consent.origin(), consent.ip(), consent.userAgent(), consent.note(), now);
        return new ChunkResult(fresh, suppressed);
    }

    /** H2: look-ups of the chunk's hashes and addresses, then JDBC batches of the new rows. */
    private ChunkResult batchMissing(List<NewSubscriber> rows, List<String> hashes,
                                     Subscriber.Status status, Instant now, Consent consent) {
        List<String> emails = rows.stream().map(r -> r.email().value()).toList();
        Set<String> suppressed = new HashSet<>();
        lookUp("suppression-hashes-among", hashes, rs -> suppressed.add(rs.getString(1)));
        Map<String, Long> stored = idsByEmail(emails);
        List<NewSubscriber> fresh = new ArrayList<>(rows.size());
        List<Integer> suppressedRows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (suppressed.contains(hashes.get(i))) {
                suppressedRows.add(i);
            } else if (!stored.containsKey(emails.get(i))) {
                fresh.add(rows.get(i));
            }
        }
        if (fresh.isEmpty()) {
            return new ChunkResult(fresh, suppressedRows);
        }
        Instant confirmed = status == Subscriber.Status.CONFIRMED ? now : null;
        long[] ids = jdbc.batchInsert(SQL.get("subscriber-insert"), fresh.stream().map(s -> new Object[] {
                s.email().value(), s.name(), status, s.cadence(), s.language(), now, now, confirmed, confirmed}).toList());
        List<Object[]> topics = new ArrayList<>();
        List<Object[]> consents = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            NewSubscriber s = fresh.get(i);
            long id = ids[i];
            s.topics().forEach(t -> topics.add(new Object[] {id, t}));
            consents.add(new Object[] {id, consent.action(), consent.origin(), consent.ip(), consent.userAgent(),
                    consent.note(), now});
        }
        jdbc.batch(SQL.get("subscriber-topic-insert"), topics);
        jdbc.batch(SQL.get("consent-insert"), consents);
        return new ChunkResult(fresh, suppressedRows);
    }

    /** Ids of those of {@code emails} (normalized addresses) that are stored, by address. */
    private Map<String, Long> idsByEmail(List<String> emails) {
        Map<String, Long> ids = new HashMap<>(emails.size() * 2);
        lookUp("subscriber-ids-among", emails, rs -> ids.put(rs.getString(2), rs.getLong(1)));
        return ids;
    }

    /** Runs the named query, which joins the array of {@code keys} as a table, once for all of them. */
    private void lookUp(String query, List<String> keys, Jdbc.RowConsumer each) {
        jdbc.stream(SQL.get(query), each, (Object) keys.toArray(String[]::new));
    }

    /** Name, cadence, language and topics, as chosen on the preferences page. */
    public void updateProfile(long id, String name, Cadence cadence, String language, List<String> topics,
                              Instant now, Consent consent) {
        jdbc.inTransaction(() -> {
            changingWords(id, () -> jdbc.update(SQL.get("subscriber-update-profile"), name, cadence, language, now, id));
            jdbc.update(SQL.get("subscriber-topics-delete"), id);
            insertTopics(id, topics);
            log(id, consent, now);
        });
    }

    /** Raises the member's link key: every link mailed before is revoked. */
    public void newLinkKey(long id) {
        jdbc.update(SQL.get("subscriber-new-link-key"), id);
    }

    /** A new address; raises the link key too (the old links went to the old address). */
    public void updateEmail(long id, EmailAddress email, Instant now, Consent consent) {
        jdbc.inTransaction(() -> {
            changingWords(id, () -> jdbc.update(SQL.get("subscriber-update-email"), email.value(), now, id));
            log(id, consent, now);
        });
    }

    /** A new opt-in for a stored address: pending again with the new choices. */
    public void makePending(long id, NewSubscriber s, Instant now, Consent consent) {
        jdbc.inTransaction(() -> {
            changingWords(id, () -> jdbc.update(SQL.get("subscriber-make-pending"), s.name(), s.cadence(), s.language(), now, id));
            jdbc.update(SQL.get("subscriber-topics-delete"), id);
            insertTopics(id, s.topics());
            log(id, consent, now);
        });
    }

    /** Pending → confirmed; sets delivered_until = confirmed_at. False if it was not pending. */
    /** A member who left comes back with {@code s}'s choices; false when they are not unsubscribed (any more). */
    public boolean resubscribe(long id, NewSubscriber s, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            boolean changed = changingWords(id, () -> jdbc.update(SQL.get("subscriber-resubscribe"), s.name(),
                    s.cadence(), s.language(), now, now, now, id)) == 1;
            if (changed) {
                jdbc.update(SQL.get("subscriber-topics-delete"), id);
                insertTopics(id, s.topics());
                log(id, consent, now);
            }
            return changed;
        });
    }

    public boolean confirm(long id, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            boolean changed = jdbc.update(SQL.get("subscriber-confirm"), now, now, now, id) == 1;
            if (changed) {
                log(id, consent, now);
            }
            return changed;
        });
    }

    /** Pending or confirmed → unsubscribed. False if it was neither. */
    public boolean unsubscribe(long id, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            boolean changed = jdbc.update(SQL.get("subscriber-unsubscribe"), now, now, id) == 1;
            if (changed) {
                log(id, consent, now);
            }
            return changed;
        });
    }

    public boolean markBounced(long id, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            boolean changed = jdbc.update(SQL.get("subscriber-bounce"), now, id) == 1;
            if (changed) {
                log(id, consent, now);
            }
            return changed;
        });
    }

    public boolean markComplained(long id, Instant now, Consent consent) {
        return jdbc.inTransaction(() -> {
            boolean changed = jdbc.update(SQL.get("subscriber-complain"), now, id) == 1;
            if (changed) {
                log(id, consent, now);
            }
            return changed;
        });
    }

    /** Claims the "already subscribed" notice if none was sent since {@code notBefore}. */
    public boolean claimNotice(long id, Instant now, Instant notBefore) {
        return jdbc.update(SQL.get("subscriber-notice-sent"), now, id, notBefore) == 1;
    }

    /**
     * Erases a subscriber: the row, its topics and its search words go; its consent rows stay as proof, without
     * IP and user agent, and no longer point at anyone. The final event is logged first.
     */
    public void erase(long id, Instant now, Consent consent) {
        jdbc.inTransaction(() -> {
            log(id, consent, now);
            jdbc.update(SQL.get("consent-anonymize"), id);
            changingWords(id, () -> jdbc.update(SQL.get("subscriber-delete"), id));
        });
    }

    /**
     * Up to {@code limit} ids of pending subscribers not touched since {@code before} whose last
     * confirmation mail went out before it, none waiting in the outbox.
     */
    public List<Long> expiredPending(Instant before, int limit) {
        List<Long> ids = new ArrayList<>();
        jdbc.stream(SQL.get("pending-expired-ids"), rs -> {
            if (ids.size() < limit) {
                ids.add(rs.getLong(1));
            }
        }, before, 0L, Long.MAX_VALUE, before);
        return ids;
    }

    /** Whether member {@code id} is pending and its time to confirm ran out, as {@link #expiredPending} counts it. */
    public boolean pendingExpired(long id, Instant before) {
        return jdbc.one(SQL.get("pending-expired-ids"), rs -> rs.getLong(1), before, id, id, before).isPresent();
    }

    public List<ConsentRecord> consentLog(long id) {
        return jdbc.list(SQL.get("consent-by-subscriber"), rs -> new ConsentRecord(rs.getString("action"),
                rs.getString("origin"), rs.getString("ip"), rs.getString("user_agent"), rs.getString("note"),
                Jdbc.instant(rs, "at")), id);
    }

    /** A consent log row as stored. */
    public record ConsentRecord(String action, String origin, String ip, String userAgent, String note, Instant at) {}

    public boolean isSuppressed(String emailHash) {
        return jdbc.count(SQL.get("suppression-exists"), emailHash) > 0;
    }

    /** Why the address is suppressed ({@code forgotten}, {@code bounced}, {@code complained}), or empty. */
    public Optional<String> suppressionReason(String emailHash) {
        return jdbc.one(SQL.get("suppression-reason"), rs -> rs.getString(1), emailHash);
    }

    /** Lifts a suppression; false when the address was not suppressed. */
    public boolean unsuppress(String emailHash) {
        return jdbc.update(SQL.get("suppression-delete"), emailHash) > 0;
    }

    public void suppress(String emailHash, String reason, Instant now) {
        jdbc.update(SQL.get("suppression-insert"), emailHash, reason, now, emailHash);
    }

    /** The stored setting, or {@code candidate} stored now if there was none (first writer wins). */
    public String settingOrInsert(String name, String candidate) {
        jdbc.update(SQL.get("setting-insert-if-absent"), name, candidate, name);
        return jdbc.one(SQL.get("setting-get"), rs -> rs.getString(1), name).orElseThrow();
    }

    /**
     * Writes the search words of up to {@code chunk} members above the mark ({@link SearchWords#MARK})
     * in id order and moves the mark to the last of them, in one transaction; returns how many
     * members (0: none was left). The mark's row stays locked until the commit: another node's
     * catch-up waits and goes on from the new mark, and so does a transaction that adds members (it
     * locks the mark first, see {@link #lockWordsMark}), so no member's id can come below the mark later.
     * The members' rows are locked too, for a change of one of them (see {@link #changingWords}).
     */
    public int catchUpWords(int chunk) {
        return jdbc.inTransaction(() -> {
            List<Object[]> members = jdbc.list(SQL.get("members-above-words-mark"),
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}, lockWordsMark(), chunk);
            if (members.isEmpty()) {
                return 0;
            }
            List<Object[]> words = SearchWords.rows(members);
            if (jdbc.postgres()) {
                try (PostgresCopy copy = jdbc.copyIn(PG.get("words-copy"))) {
                    for (Object[] w : words) {
                        copy.row(w);
                    }
                    copy.finish();
                }
            } else {
                jdbc.batch(SQL.get("subscriber-word-insert"), words);
            }
            jdbc.update(SQL.get("setting-update"), String.valueOf(members.get(members.size() - 1)[0]), SearchWords.MARK);
            return members.size();
        });
    }

    /** PostgreSQL's statistics of the search words, after many were written (see {@link #refreshStatistics}). */
    public void refreshWordStatistics() {
        if (jdbc.postgres()) {
            jdbc.execute(PG.get("analyze-words"));
        }
    }

    /** The mark of the search words ({@link SearchWords#MARK}), its row locked until the transaction ends. */
    private long lockWordsMark() {
        return jdbc.one(SQL.get("words-mark-locked"), rs -> Long.parseLong(rs.getString(1)), SearchWords.MARK).orElseThrow();
    }

    /**
     * Runs {@code change} of member {@code id}'s address or name, or their deletion, and brings their
     * search words up to date if the member is at or below the mark (above it, the catch-up writes
     * them): those the member had before and has no more go, new ones come. The words are found by
     * their key (word, member): {@code subscriber_word} has no other index, and no foreign key that
     * would delete them with the member (a check per word made every import slow). The member's row
     * is locked first and the mark read after the change: a catch-up under way has either written
     * this member's words with the mark already, or waits for this change and writes the new ones.
     */
    private int changingWords(long id, Supplier<Integer> change) {
        Set<String> before = jdbc.one(SQL.get("subscriber-email-name-locked"),
                rs -> SearchWords.of(rs.getString(1), rs.getString(2)), id).orElse(Set.of());
        int changed = change.get();
        Set<String> after = wordsOf(id);
        if (id > jdbc.one(SQL.get("setting-get"), rs -> Long.parseLong(rs.getString(1)), SearchWords.MARK).orElseThrow()) {
            return changed;
        }
        jdbc.batch(SQL.get("subscriber-word-delete"),
                before.stream().filter(w -> !after.contains(w)).map(w -> new Object[] {w, id}).toList());
        jdbc.batch(SQL.get("subscriber-word-insert"),
                after.stream().filter(w -> !before.contains(w)).map(w -> new Object[] {w, id}).toList());
        return changed;
    }

    /** The search words of member {@code id} as stored now (none when there is no such member). */
    private Set<String> wordsOf(long id) {
        return jdbc.one(SQL.get("subscriber-email-name"), rs -> SearchWords.of(rs.getString(1), rs.getString(2)), id)
                .orElse(Set.of());
    }

    private void insertTopics(long id, List<String> topics) {
        jdbc.batch(SQL.get("subscriber-topic-insert"), topics.stream().map(t -> new Object[] {id, t}).toList());
    }

    /** One consent-log row for a change that touches nothing else (an admin lifting a suppression). */
    public void logConsent(long id, Instant now, Consent c) {
        log(id, c, now);
    }

    private void log(long id, Consent c, Instant now) {
        jdbc.update(SQL.get("consent-insert"), id, c.action(), c.origin(), c.ip(), c.userAgent(), c.note(), now);
    }

    private Optional<Subscriber> single(String sql, Object param) {
        List<Subscriber> found = new ArrayList<>(1);
        streamJoined(sql, found::add, param);
        return found.stream().findFirst();
    }

    /** Folds the rows of "subscriber LEFT JOIN subscriber_topic ORDER BY id" into subscribers. */
    private void streamJoined(String sql, Consumer<Subscriber> each, Object... params) {
        var folder = new Object() {
            Subscriber current;
            final List<String> topics = new ArrayList<>();

            void row(ResultSet rs) throws SQLException {
                long id = rs.getLong("id");
                if (current != null && current.id() != id) {
                    emit();
                }
                if (current == null) {
                    current = map(rs);
                }
                String topic = rs.getString("topic");
                if (topic != null) {
                    topics.add(topic);
                }
            }

            void emit() {
                if (current != null) {
                    Subscriber s = current;
                    each.accept(new Subscriber(s.id(), s.email(), s.name(), s.status(), s.cadence(), s.language(),
                            List.copyOf(topics), s.createdAt(), s.confirmedAt(), s.deliveredUntil(), s.linkKey()));
                }
                current = null;
                topics.clear();
            }
        };
        jdbc.stream(sql, folder::row, params);
        folder.emit();
    }

    private static Subscriber map(ResultSet rs) throws SQLException {
        return new Subscriber(rs.getLong("id"), new EmailAddress(rs.getString("email")), rs.getString("name"),
                Subscriber.Status.parse(rs.getString("status")), Cadence.parse(rs.getString("cadence")),
                rs.getString("language"), List.of(), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "confirmed_at"), Jdbc.instant(rs, "delivered_until"), rs.getInt("link_key"));
    }
}
