package org.rundbrief.bounce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/**
 * Bounce reports in the database ({@code sql/bounce.sql}): the reports kept for audit and the soft
 * bounce count. The admin's list of bounced members also reads their latest report
 * ({@code sql/admin.sql}).
 */
public final class BounceStore {
    private static final Queries SQL = Queries.load("/sql/bounce.sql");
    /** How much of a report is kept: its headers and the report itself, not a 10 MB original. */
    static final int MAX_RAW = 64 * 1024;
    private final Jdbc jdbc;

    public BounceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One report as kept. */
    public record Kept(long id, Long deliveryId, String kind, String recipient, String status, String diagnostic,
                       Instant receivedAt, String raw) {}

    void insert(long subscriberId, Long deliveryId, BounceReport report, String raw, Instant now) {
        jdbc.update(SQL.get("report-insert"), subscriberId, deliveryId, report.type().name().toLowerCase(java.util.Locale.ROOT),
                clip(report.recipient(), 320), clip(report.status(), 32), clip(report.diagnostic(), 1000), now,
                java.sql.Date.valueOf(day(now)), clip(raw, MAX_RAW));
    }

    /** On how many days since {@code since} (UTC) the subscriber's messages bounced softly. */
    long softDays(long subscriberId, LocalDate since) {
        return jdbc.count(SQL.get("soft-days"), subscriberId, java.sql.Date.valueOf(since));
    }

    Optional<Long> subscriberOfDelivery(long deliveryId) {
        return jdbc.one(SQL.get("delivery-subscriber"), rs -> rs.getLong(1), deliveryId);
    }

    /** A subscriber's newest reports, at most {@code limit}. */
    public List<Kept> reports(long subscriberId, int limit) {
        return jdbc.list(SQL.get("reports-of-subscriber"), rs -> new Kept(rs.getLong("id"),
                rs.getObject("delivery_id") == null ? null : rs.getLong("delivery_id"), rs.getString("kind"),
                rs.getString("recipient"), rs.getString("status"), rs.getString("diagnostic"),
                Jdbc.instant(rs, "received_at"), rs.getString("raw")), subscriberId, limit);
    }

    static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
