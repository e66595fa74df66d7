package org.rundbrief.subscriber;

import java.time.Instant;
import java.util.List;
import org.rundbrief.mail.EmailAddress;

/**
 * A subscriber as stored. {@code topics} empty means "all topics". {@code deliveredUntil} is the
 * per-subscriber watermark of the what-is-new rule: articles collected at or before it are done.
 */
public record Subscriber(long id, EmailAddress email, String name, Status status, Cadence cadence,
                         String language, List<String> topics, Instant createdAt, Instant confirmedAt,
                         Instant deliveredUntil) {

    public enum Status {
        PENDING, CONFIRMED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

        /** Parses a status id (any case); the message lists the ids there are, never the enum's class. */
        public static Status parse(String s) {
            for (Status status : values()) {
                if (status.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown status '" + s + "' (expected "
                    + String.join(", ", java.util.Arrays.stream(values()).map(Status::id).toList()) + ")");
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean wants(List<String> articleTopics) {
        return topics.isEmpty() || articleTopics.stream().anyMatch(topics::contains);
    }
}
