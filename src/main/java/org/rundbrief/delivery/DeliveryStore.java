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

    /** A row a worker has claimed. {@code attempts} includes this one. */
    public record Claimed(long id, long editionId, long subscriberId, Instant since, int attempts) {}

    public enum State { QUEUED, SENDING, SENT, FAILED, CANCELLED }

    private final Jdbc jdbc;

    public DeliveryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private record Candidate(long id, String status, Instant due) {}

    /** Claims up to {@code limit} due rows of the edition for {@code lease}; returns what it won. */
    public List<Claimed> claim(long editionId, int limit, Instant now, Instant leaseUntil) {
        List<Candidate> candidates = jdbc.list(SQL.get("due"),
                rs -> new Candidate(rs.getLong(1), rs.getString(2), Jdbc.instant(rs, 3)), editionId, now, limit);
        List<Claimed> won = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (jdbc.update(SQL.get("claim"), leaseUntil, c.id(), c.status(), c.due()) == 1) {
                jdbc.one(SQL.get("claimed"), rs -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        Jdbc.instant(rs, 4), rs.getInt(5)), c.id()).ifPresent(won::add);
            }
        }
        return won;
    }

    public void markSent(long id, String messageId, Instant now) {
        jdbc.update(SQL.get("mark-sent"), now, messageId, id);
    }

    public void markRetry(long id, Instant nextAttempt, String error) {
        jdbc.update(SQL.get("mark-retry"), nextAttempt, truncate(error), id);
    }

    public void markFailed(long id, String error, Instant now) {
        jdbc.update(SQL.get("mark-failed"), truncate(error), now, id);
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
