package org.rundbrief.delivery;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.mail.MessageBuilder;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.mail.PreparedMessage;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/**
 * The outbox of transactional mail in the database (src/main/resources/sql/outbox.sql): a mail
 * is built at once and stored as the bytes that go over SMTP, with its envelope sender, in the
 * transaction of the change that causes it ({@link #enqueue} joins the caller's transaction), and
 * sent later by an {@link OutboxSender}. A mail server that is down, or a crash right after the
 * commit, thus loses nothing.
 */
public final class Outbox {
    private static final Queries SQL = Queries.load("/sql/outbox.sql");

    private final Jdbc jdbc;
    private final MessageBuilder builder;
    private final Clock clock;

    public Outbox(Jdbc jdbc, MessageBuilder builder, Clock clock) {
        this.jdbc = jdbc;
        this.builder = builder;
        this.clock = clock;
    }

    /**
     * Queues {@code mail} about member {@code subscriberId}; {@code toMember} when it goes to the
     * member's own address (a 550 for it then bounces the member). Call it inside the transaction
     * of the change that causes the mail.
     */
    public void enqueue(String kind, long subscriberId, boolean toMember, OutgoingMail mail) {
        PreparedMessage msg;
        String text;
        try {
            msg = builder.build(mail);
            text = msg.text();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the " + kind + " mail: " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        jdbc.update(SQL.get("enqueue"), kind, subscriberId, toMember, mail.to().ascii(), msg.envelopeFrom(), text,
                messageId(msg), now, now);
    }

    private static String messageId(PreparedMessage msg) {
        try {
            return msg.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** A claimed row with what sending it needs. */
    record Claimed(long id, String kind, long subscriberId, boolean toMember, String recipient, String envelopeFrom,
                   String message, int attempts) {}

    /**
     * Claims up to {@code limit} rows due now for {@code owner} until {@code leaseUntil}: rows
     * nobody holds, or whose holder's lease ran out. Under the 'outbox-leases' lock, so two
     * senders (threads or processes) never claim one row.
     */
    List<Claimed> claim(String owner, Instant leaseUntil, int limit) {
        Instant now = clock.instant();
        List<Long> ids = jdbc.inTransaction(() -> {
            jdbc.lock("outbox-leases");
            List<Long> got = new ArrayList<>();
            for (long id : jdbc.list(SQL.get("due"), rs -> rs.getLong(1), now, now, limit)) {
                if (jdbc.update(SQL.get("claim"), owner, leaseUntil, id, now) == 1) {
                    got.add(id);
                }
            }
            return got;
        });
        List<Claimed> rows = new ArrayList<>(ids.size());
        for (long id : ids) {
            jdbc.one(SQL.get("claimed"), rs -> new Claimed(rs.getLong(1), rs.getString(2), rs.getLong(3),
                    rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)), id, owner)
                    .ifPresent(rows::add);
        }
        return rows;
    }

    void markSent(Claimed row, String owner) {
        jdbc.update(SQL.get("mark-sent"), clock.instant(), row.id(), owner);
    }

    /** Due again at {@code next}; {@code counted} when the server answered (the try counts toward the limit). */
    void markRetry(Claimed row, String owner, Instant next, String error, boolean counted) {
        jdbc.update(SQL.get("mark-retry"), next, truncate(error), clock.instant(), counted ? 1 : 0, row.id(), owner);
    }

    void markFailed(Claimed row, String owner, String error) {
        jdbc.update(SQL.get("mark-failed"), truncate(error), clock.instant(), row.id(), owner);
    }

    /** Gives a claimed row back untried: due again at once. */
    void release(Claimed row, String owner) {
        jdbc.update(SQL.get("release"), row.id(), owner);
    }

    /**
     * Where the outbox stands: how many mails wait and since when the oldest waits, the latest
     * error of a waiting one (null: none) with its time and when that one is due again, and how
     * many failed for good in the last day.
     */
    public record State(long waiting, Instant oldest, String lastError, Instant lastErrorAt, Instant nextTry,
                        long failedToday) {
        /** Something an operator should see: a mail waits after an error, or one failed for good today. */
        public boolean troubled() {
            return lastError != null || failedToday > 0;
        }

        /** As /health and the admin API show it (JSON field names). */
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("waiting", waiting);
            m.put("waitingSince", oldest);
            m.put("lastSmtpError", lastError);
            m.put("lastSmtpErrorAt", lastErrorAt);
            m.put("nextRetryAt", nextTry);
            m.put("failedLastDay", failedToday);
            return m;
        }
    }

    public State state() {
        Instant now = clock.instant();
        record Waiting(long count, Instant oldest) {}
        record Error(String text, Instant at, Instant next) {}
        Waiting w = jdbc.one(SQL.get("waiting"), rs -> new Waiting(rs.getLong(1), Jdbc.instant(rs, 2)))
                .orElse(new Waiting(0, null));
        Optional<Error> e = jdbc.one(SQL.get("latest-error"),
                rs -> new Error(rs.getString(1), Jdbc.instant(rs, 2), Jdbc.instant(rs, 3)));
        long failed = jdbc.count(SQL.get("failed-since"), now.minus(Duration.ofDays(1)));
        return new State(w.count(), w.oldest(), e.map(Error::text).orElse(null), e.map(Error::at).orElse(null),
                e.map(Error::next).orElse(null), failed);
    }

    /** One mail not sent (waiting or failed for good), as the admin API lists it. */
    public record Unsent(long id, String kind, long subscriberId, String recipient, String status, int attempts,
                         Instant nextTry, String lastError, Instant lastErrorAt, Instant createdAt) {}

    /** Up to {@code limit} mails not sent with an id below {@code beforeId}, newest first (one page, keyset). */
    public List<Unsent> unsent(long beforeId, int limit) {
        return jdbc.list(SQL.get("unsent"), rs -> new Unsent(rs.getLong(1), rs.getString(2), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), Jdbc.instant(rs, 7), rs.getString(8),
                Jdbc.instant(rs, 9), Jdbc.instant(rs, 10)), beforeId, limit);
    }

    /**
     * What waits of one kind of mail (confirm, welcome, …): how many, since when the oldest waits,
     * when the next is due, and the latest error of a waiting one (null: none) with its time.
     */
    public record Kind(String kind, long waiting, Instant oldest, Instant nextTry, String lastError, Instant lastErrorAt) {}

    /** What waits, per kind of mail that has any waiting (a handful of rows: one per kind). */
    public List<Kind> waitingByKind() {
        List<Kind> kinds = jdbc.list(SQL.get("waiting-by-kind"), rs -> new Kind(rs.getString(1), rs.getLong(2),
                Jdbc.instant(rs, 3), Jdbc.instant(rs, 4), null, Jdbc.instant(rs, 5)));
        return kinds.stream().map(k -> k.lastErrorAt() == null ? k : new Kind(k.kind(), k.waiting(), k.oldest(),
                k.nextTry(), jdbc.one(SQL.get("latest-error-of-kind"), rs -> rs.getString(1), k.kind())
                .orElse(null), k.lastErrorAt())).toList();
    }

    /** An operator's "retry now": every waiting mail due later is due at once; how many. */
    public int retryNow() {
        Instant now = clock.instant();
        return jdbc.update(SQL.get("retry-now"), now, now);
    }

    /** Housekeeping: removes sent and failed rows created before {@code before}; how many. */
    public int purge(Instant before) {
        return jdbc.update(SQL.get("purge"), before);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
