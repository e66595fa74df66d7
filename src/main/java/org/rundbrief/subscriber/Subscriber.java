package org.rundbrief.subscriber;

import java.time.Instant;
import java.util.List;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.store.Revision;

/**
 * A subscriber as stored. {@code topics} empty means "all topics". {@code deliveredUntil} is the
 * per-subscriber watermark of the what-is-new rule: articles collected at or before it are done.
 * {@code linkKey} is the version every link mailed to the member carries ({@link Tokens}): raising
 * it revokes the links sent before.
 */
public record Subscriber(long id, EmailAddress email, String name, Status status, Cadence cadence,
                         String language, List<String> topics, Instant createdAt, Instant confirmedAt,
                         Instant deliveredUntil, int linkKey) {

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

    /**
     * A fingerprint of what the admin's member form shows and saves (name, cadence, language,
     * topics): a save made on an older one would undo a change saved meanwhile, e.g. the member's own.
     */
    public String revision() {
        return Revision.of(name, cadence, language, topics);
    }

    /**
     * The topic part of the what-is-new rule: an article is for this subscriber when they chose no
     * topic (all), it has none (it goes to everyone) or they share one.
     */
    public boolean wants(List<String> articleTopics) {
        return topics.isEmpty() || articleTopics.isEmpty() || articleTopics.stream().anyMatch(topics::contains);
    }
}
