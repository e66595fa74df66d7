package org.rundbrief.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Numbers for the dashboard and {@code /api/stats}: subscribers by status, confirmed ones by
 * cadence and topic ("*" = no choice, gets every topic), messages sent per UTC day, failures.
 */
public record Stats(Map<String, Long> subscribersByStatus, Map<String, Long> confirmedByCadence,
                    Map<String, Long> confirmedByTopic, Map<LocalDate, Long> sentPerDay, long failedDeliveries,
                    List<Failure> latestFailures) {
    public record Failure(long deliveryId, long editionId, String email, int attempts, String error) {}

    public long subscribers() {
        return subscribersByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
