package org.rundbrief.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/** The delivery queue in the database (src/main/resources/sql/delivery.sql). */
public final class DeliveryStore {
    private static final Queries SQL = Queries.load("/sql/delivery.sql");

    /** A row as read, not yet claimed. {@code attempts} counts earlier tries. */
    public record Due(long id, long editionId, long subscriberId, Instant since, int attempts, String status,
                      Instant dueAt) {
        /** Queued (or waiting for a retry) and its time has come, or claimed by a sender whose lease ran out. */
        public boolean isDue(Instant now) {
            return ("queued".equals(status) || "sending".equals(status)) && !dueAt.isAfter(now);
        }
    }

    public enum State { QUEUED, SENDING, SENT, FAILED, CANCELLED }

    private final Jdbc jdbc;

    public DeliveryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The next {@code limit} rows of the edition after id {@code afterId}, in id order, in any state. */
    public List<Due> page(long editionId, long afterId, int limit) {
        return jdbc.list(SQL.get("page"), rs -> new Due(rs.getLong(1), editionId, rs.getLong(2), Jdbc.instant(rs, 3),
                rs.getInt(4), rs.getString(5), Jdbc.instant(rs, 6)), editionId, afterId, limit);
    }

    /**
     * Claims the rows until {@code leaseUntil}, in one transaction; returns the ones this sender
     * got (another sender may have taken some first).
     */
    public List<Due> claim(List<Due> rows, Instant leaseUntil) {
        int[] counts = jdbc.inTransaction(() -> jdbc.batch(SQL.get("claim"), rows.stream()
                .map(r -> new Object[] {leaseUntil, r.id(), r.status(), r.dueAt()}).toList()));
        List<Due> claimed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            // Some drivers answer SUCCESS_NO_INFO (-2) for a batch entry; only 0 means "not ours".
            if (counts[i] != 0) {
                claimed.add(rows.get(i));
            }
        }
        return claimed;
    }

    /** Gives rows this sender claimed until {@code leaseUntil} and did not get to back to the queue, due now. */
    public void release(List<Long> ids, Instant leaseUntil, Instant now) {
        jdbc.inTransaction(() -> jdbc.batch(SQL.get("release"), ids.stream()
                .map(id -> new Object[] {now, id, leaseUntil}).toList()));
    }

    /** A message that went out and still has to be marked sent. */
    public record Sent(long id, String messageId, Instant at) {}

    /** Marks messages sent, all in one transaction. */
    public void markSent(List<Sent> sent) {
        jdbc.inTransaction(() -> jdbc.batch(SQL.get("mark-sent"), sent.stream()
                .map(s -> new Object[] {s.at(), s.messageId(), s.id()}).toList()));
    }

    public void markRetry(long id, Instant nextAttempt, String error) {
        jdbc.update(SQL.get("mark-retry"), nextAttempt, truncate(error), id);
    }

    public void markFailed(long id, String error, Instant now) {
        jdbc.update(SQL.get("mark-failed"), truncate(error), now, id);
    }

    /** The id of the edition's first row that is due at {@code now}; empty when none is. */
    public Optional<Long> firstDue(long editionId, Instant now) {
        return jdbc.one(SQL.get("first-due"), rs -> rs.getObject(1) == null ? null : rs.getLong(1), editionId, now);
    }

    public Optional<Instant> nextDue(long editionId) {
        return jdbc.one(SQL.get("next-due"), rs -> Jdbc.instant(rs, 1), editionId);
    }

    public Map<State, Long> counts(long editionId) {
        Map<State, Long> out = new EnumMap<>(State.class);
        for (State s : State.values()) {
            out.put(s, 0L);
        }
        jdbc.stream(SQL.get("counts"), rs -> out.put(State.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                rs.getLong(2)), editionId);
        return out;
    }

    public int cancelPending(long editionId) {
        return jdbc.update(SQL.get("cancel-pending"), editionId);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
