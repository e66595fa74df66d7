package org.rundbrief.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/** The delivery queue in the database (src/main/resources/sql/delivery.sql). */
public final class DeliveryStore {
    private static final Queries SQL = Queries.load("/sql/delivery.sql");
    private static final Queries PG = Queries.load("/sql/delivery.postgresql.sql");

    /**
     * Rows are leased in blocks of this many consecutive ids: one lease row per block instead of a
     * claim written on every delivery row (a page of {@link DeliveryRunner#PAGE} rows takes ~16).
     */
    static final int BLOCK = 32;

    /** A row as read. {@code attempts} counts earlier tries. */
    public record Due(long id, long editionId, long subscriberId, Instant since, int attempts, String status,
                      Instant dueAt) {
        /** Queued (or waiting for a retry) and its time has come. */
        public boolean isDue(Instant now) {
            return "queued".equals(status) && !dueAt.isAfter(now);
        }
    }

    /** Where a delivery stands; {@code SENDING} is a queued row in a live lease (not a stored status). */
    public enum State { QUEUED, SENDING, SENT, FAILED, CANCELLED }

    private final Jdbc jdbc;
    private final Clock clock;

    public DeliveryStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The next {@code limit} rows of the edition after id {@code afterId}, in id order, in any state. */
    public List<Due> page(long editionId, long afterId, int limit) {
        return jdbc.list(SQL.get("page"), rs -> due(rs, editionId), editionId, afterId, limit);
    }

    private static Due due(ResultSet rs, long editionId) throws SQLException {
        return new Due(rs.getLong(1), editionId, rs.getLong(2), Jdbc.instant(rs, 3), rs.getInt(4), rs.getString(5),
                Jdbc.instant(rs, 6));
    }

    /**
     * Leases the blocks of {@code rows} for {@code owner} until {@code leaseUntil}, in one
     * transaction. A block another sender holds is left out; one whose lease ran out, or that is
     * the owner's already, is taken.
     */
    public Leased lease(long editionId, String owner, List<Due> rows, Instant leaseUntil) {
        Instant now = clock.instant();
        return jdbc.inTransaction(() -> {
            jdbc.lock("delivery-leases");
            Set<Long> got = new HashSet<>();
            boolean tookOver = false;
            for (long block : blocks(rows)) {
                if (jdbc.update(SQL.get("lease-block"), editionId, block, owner, leaseUntil, editionId, block) == 1
                        || jdbc.update(SQL.get("renew-block"), leaseUntil, editionId, block, owner) == 1) {
                    got.add(block);
                } else if (jdbc.update(SQL.get("take-over-block"), owner, leaseUntil, editionId, block, now) == 1) {
                    got.add(block);
                    tookOver = true;
                }
            }
            return new Leased(got, tookOver);
        });
    }

    /**
     * The blocks a sender leased; {@code tookOver} when one of them had been leased by another sender
     * whose lease ran out (it may have died: its journal's marks should be in the table before the
     * rows are read). Renewing a block of its own is no take-over.
     */
    public record Leased(Set<Long> blocks, boolean tookOver) {
        public boolean covers(long deliveryId) {
            return blocks.contains(deliveryId / BLOCK);
        }
    }

    private static Set<Long> blocks(List<Due> rows) {
        Set<Long> blocks = new LinkedHashSet<>();
        rows.forEach(r -> blocks.add(r.id() / BLOCK));
        return blocks;
    }

    /** The edition's rows from id {@code fromId} to {@code toId} in {@code leased} blocks, as they are now. */
    public List<Due> rows(long editionId, long fromId, long toId, Leased leased) {
        if (leased.blocks().isEmpty()) {
            return List.of();
        }
        return jdbc.list(SQL.get("rows-between"), rs -> due(rs, editionId), editionId, fromId, toId).stream()
                .filter(r -> leased.covers(r.id())).toList();
    }

    /** Gives up every lease of {@code owner} on the edition: its unsent rows are due again at once. */
    public void dropLeases(long editionId, String owner) {
        jdbc.update(SQL.get("drop-leases"), editionId, owner);
    }

    /** A message that went out and still has to be marked sent. */
    public record Sent(long id, String messageId, Instant at) {}

    /** Marks these deliveries sent, in one transaction (a journal's batch). */
    public void markSent(List<Sent> sent) {
        jdbc.inTransaction(() -> jdbc.batch(SQL.get("mark-sent"),
                sent.stream().map(s -> new Object[] {s.at(), s.messageId(), s.id()}).toList()));
    }

    /**
     * Marks one delivery sent, committed at once. On PostgreSQL in one statement whose commit does
     * not wait for the disk ({@code sql/delivery.postgresql.sql} says why that is safe here).
     */
    public void markSent(Sent sent) {
        jdbc.update(jdbc.postgres() ? PG.get("mark-sent-now") : SQL.get("mark-sent"), sent.at(), sent.messageId(),
                sent.id());
    }

    public void markRetry(long id, Instant nextAttempt, String error) {
        jdbc.update(SQL.get("mark-retry"), nextAttempt, truncate(error), id);
    }

    /** Due again at {@code next}, the try not counted (the server could not be used at all). */
    public void markWaiting(long id, Instant next, String error) {
        jdbc.update(SQL.get("mark-waiting"), next, truncate(error), id);
    }

    public void markFailed(long id, String error, Instant now) {
        jdbc.update(SQL.get("mark-failed"), truncate(error), now, id);
    }

    /** The id of the edition's first row due now and not in another sender's live lease; empty when none is. */
    public Optional<Long> firstDue(long editionId, String owner) {
        return jdbc.one(SQL.get("first-due"), rs -> rs.getObject(1) == null ? null : rs.getLong(1),
                firstDueParameters(editionId, owner));
    }

    /** The parameters of {@code first-due}, now. */
    Object[] firstDueParameters(long editionId, String owner) {
        Instant now = clock.instant();
        return new Object[] {editionId, now, BLOCK, owner, now, editionId};
    }

    /**
     * When the edition's next row falls due for {@code owner} (a retry, or another sender's lease
     * ending); empty when none is pending.
     */
    public Optional<Instant> nextDue(long editionId, String owner) {
        return jdbc.one(SQL.get("next-due"), rs -> Jdbc.instant(rs, 1), nextDueParameters(editionId, owner));
    }

    /** The parameters of {@code next-due}, now. */
    Object[] nextDueParameters(long editionId, String owner) {
        return new Object[] {BLOCK, owner, clock.instant(), editionId};
    }

    public Map<State, Long> counts(long editionId) {
        Map<State, Long> out = new EnumMap<>(State.class);
        for (State s : State.values()) {
            out.put(s, 0L);
        }
        jdbc.stream(SQL.get("counts"), rs -> out.put(State.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                rs.getLong(2)), editionId);
        long sending = jdbc.one(SQL.get("leased-queued"), rs -> rs.getLong(1), BLOCK, BLOCK, editionId, clock.instant())
                .orElse(0L);
        out.merge(State.QUEUED, -sending, Long::sum);
        out.put(State.SENDING, sending);
        return out;
    }

    /** Cancels the edition's queued rows no sender holds now (a sender's rows are cancelled after it stops). */
    public int cancelPending(long editionId) {
        return jdbc.update(SQL.get("cancel-pending"), editionId, BLOCK, clock.instant());
    }

    /** Remembers the last SMTP error met while sending the edition. */
    public void recordSmtpError(long editionId, String error, Instant at) {
        jdbc.update(SQL.get("record-smtp-error"), truncate(error), at, editionId);
    }

    /**
     * The last SMTP error met while sending an edition, when, and when its next retry is due
     * ({@code nextRetry} null when no row waits for one; {@code error} null when none was met).
     */
    public record SmtpTrouble(String error, Instant at, Instant nextRetry) {
        public boolean waitingForRetry() {
            return nextRetry != null;
        }
    }

    public SmtpTrouble smtpTrouble(long editionId) {
        return jdbc.one(SQL.get("smtp-trouble"), rs -> new SmtpTrouble(rs.getString(1), Jdbc.instant(rs, 2), Jdbc.instant(rs, 3)),
                editionId).orElse(new SmtpTrouble(null, null, null));
    }

    /** The unfinished edition whose last SMTP error is the latest, with that error; empty when none has one. */
    public Optional<Map.Entry<Long, SmtpTrouble>> latestTrouble() {
        return jdbc.one(SQL.get("latest-trouble"), rs -> rs.getLong(1)).map(id -> Map.entry(id, smtpTrouble(id)));
    }

    /** Makes every row of the edition that waits for a retry due now; how many. */
    public int retryNow(long editionId) {
        Instant now = clock.instant();
        return jdbc.update(SQL.get("retry-now"), now, editionId, now);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
