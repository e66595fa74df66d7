package org.rundbrief.edition;

import java.time.Instant;
import org.rundbrief.store.Revision;
import org.rundbrief.subscriber.Cadence;

/**
 * One planned send of a cadence (optionally restricted to one topic), with a frozen article set.
 * {@code plannedAt}: when planning ended (every delivery queued, or stopped by a cancel); null while
 * planning, and after a crash cut planning off.
 */
public record Edition(long id, Cadence cadence, String topic, Status status, Instant cutoff, Instant createdAt,
                      Instant plannedAt, Instant finishedAt, Texts texts) {
    /**
     * The admin's own subject (null: the digest template's) and introduction above the articles
     * (the Markdown as written, which the text part shows, and its sanitized HTML; null: none).
     */
    public record Texts(String subject, String introHtml, String introMarkdown) {
        public static final Texts NONE = new Texts(null, null, null);

        /** A fingerprint of what the admin's form for them shows: a save made on an older one would undo another's. */
        public String revision() {
            return Revision.of(subject, introMarkdown, introHtml);
        }
    }

    /** An edition without own texts. */
    public Edition(long id, Cadence cadence, String topic, Status status, Instant cutoff, Instant createdAt,
                   Instant plannedAt, Instant finishedAt) {
        this(id, cadence, topic, status, cutoff, createdAt, plannedAt, finishedAt, Texts.NONE);
    }

    public Edition {
        texts = texts == null ? Texts.NONE : texts;
    }

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
