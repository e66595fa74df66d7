package org.rundbrief.collect;

import org.rundbrief.article.SourceNote;

/**
 * A source could not be collected; the message is one line for a person (shown by {@code collect}),
 * and {@link #note()} the same as a message kind with its values (for the admin pages).
 */
public final class CollectException extends Exception {
    private final transient SourceNote note;

    CollectException(SourceNote note) {
        this(note, null);
    }

    CollectException(SourceNote note, Throwable cause) {
        super(note.text(), cause);
        this.note = note;
    }

    /** A problem of a single file or item, which the command line or the list of skipped items shows. */
    CollectException(String message) {
        this(SourceNote.plain(message));
    }

    public SourceNote note() {
        return note;
    }
}
