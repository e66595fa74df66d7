package org.rundbrief.web;

import java.util.Optional;
import org.rundbrief.store.StoreException;
import org.slf4j.Logger;

/**
 * The answer to a request that needed the database while it is away (restarted, network cut, no
 * connection within the pool's wait): 503 with {@code Retry-After}, in the words of a page that is
 * down for a moment (JSON for the API, a small German and English page for everything else), and
 * one log line without a stack trace while the outage is news (none for the requests turned away at
 * once later in the outage: the background tasks log it, once, and its end). It was a plain-text 500 "Internal error" with a stack trace
 * per request, as if rundbrief had a bug. The page needs no template: templates may read the
 * database, and this must answer without it.
 */
final class DatabaseAway {
    static final int STATUS = 503;
    static final String RETRY_AFTER_SECONDS = "60";
    private static final String JSON = "{\"error\":\"the database does not answer; try again in a minute\"}";
    private static final String HTML = """
            <!DOCTYPE html>
            <html lang="de">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Gerade nicht erreichbar</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
            </head>
            <body>
            <h1>Gerade nicht erreichbar</h1>
            <p>Diese Seite ist gerade nicht erreichbar, weil die Datenbank nicht antwortet. Bitte versuchen Sie es \
            in ein paar Minuten noch einmal.</p>
            <p lang="en">This page is unavailable right now because the database does not answer. Please try again \
            in a few minutes.</p>
            </body>
            </html>
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

    /** Logs the 503 of {@code method path} for {@code away}: a warning unless the outage is known already. */
    static void log(Logger log, String method, String path, StoreException away) {
        if (away.turnedAway()) {
            log.debug("{} {}: {}, the database is away ({})", method, path, STATUS, away.getMessage());
        } else {
            log.warn("{} {}: {}, the database is away ({})", method, path, STATUS, away.getMessage());
        }
    }

    private static boolean api(String path) {
        return path.startsWith("/api/");
    }

    static String contentType(String path) {
        return api(path) ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
    }

    static String body(String path) {
        return api(path) ? JSON : HTML;
    }
}
