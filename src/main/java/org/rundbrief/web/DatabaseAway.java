package org.rundbrief.web;

import java.util.Optional;
import org.rundbrief.store.StoreException;

/**
 * The answer to a request that needed the database while it is away (restarted, network cut, no
 * connection within the pool's wait): 503 with {@code Retry-After}, in the words of a page that is
 * down for a moment, and one log line without a stack trace. It was a 500 "Internal error" with a
 * stack trace per request, as if rundbrief had a bug. Plain text like every error of the web layer.
 */
final class DatabaseAway {
    static final int STATUS = 503;
    static final String RETRY_AFTER_SECONDS = "60";
    static final String TEXT = """
            Diese Seite ist gerade nicht erreichbar, weil die Datenbank nicht antwortet. Bitte versuchen Sie es \
            in ein paar Minuten noch einmal.

            This page is unavailable right now because the database does not answer. Please try again in a few \
            minutes.
            """;

    private DatabaseAway() {}

    /** The lost connection in {@code e}'s cause chain, if that is what failed. */
    static Optional<StoreException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException store && store.connectionLost()) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }
}
