package org.rundbrief.edition;

import java.time.Instant;
import org.rundbrief.subscriber.Cadence;

/**
 * One planned send of a cadence (optionally restricted to one topic), with a frozen article set.
 * {@code plannedAt}: when planning ended (every delivery queued, or stopped by a cancel); null while
 * planning, and after a crash cut planning off.
 */
public record Edition(long id, Cadence cadence, String topic, Status status, Instant cutoff, Instant createdAt,
                      Instant plannedAt, Instant finishedAt) {
    public enum Status {
        PLANNING, SENDING, PAUSED, CANCELLED, DONE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** All its deliveries are queued. */
    public boolean planned() {
        return plannedAt != null;
    }
}
