package org.rundbrief.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Numbers for the dashboard and {@code /api/stats}: subscribers by status, confirmed ones by
 * cadence and topic ("*" = no choice, gets every topic), messages sent per UTC day, failures;
 * {@code countedAt} is when they were counted if they were cached (a large list), null if counted
 * for this answer.
 */
public record Stats(Map<String, Long> subscribersByStatus, Map<String, Long> confirmedByCadence,
                    Map<String, Long> confirmedByTopic, Map<LocalDate, Long> sentPerDay, long failedDeliveries,
                    List<Failure> latestFailures, Instant countedAt) {
    public record Failure(long deliveryId, long editionId, String email, int attempts, String error) {}

    /** The same numbers, counted at {@code at}. */
    Stats countedAt(Instant at) {
        return new Stats(subscribersByStatus, confirmedByCadence, confirmedByTopic, sentPerDay, failedDeliveries,
                latestFailures, at);
    }

    public long subscribers() {
        return subscribersByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
