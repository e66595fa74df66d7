package org.rundbrief.store;

import org.slf4j.Logger;

/**
 * What a background task logs about a database that is away (restarted, network cut): one line
 * when the task first finds it away, one when it works again, nothing at the tries in between
 * (each of them failed after the pool's 15 s wait, with a stack trace, all through an outage).
 * Used by one thread at a time.
 */
public final class OutageLog {
    private final String what;
    private final Logger log;
    private boolean away;

    /** @param what what the task does, e.g. "resuming editions" */
    public OutageLog(String what, Logger log) {
        this.what = what;
        this.log = log;
    }

    /** The task's work went through: says so if the database was away until now. */
    public void worked() {
        if (away) {
            away = false;
            log.info("{} works again: the database is back", what);
        }
    }

    /**
     * The task failed with {@code e}: true when that is the database being away (logged once per
     * outage), false for any other failure, which the caller logs as the error it is.
     */
    public boolean failed(StoreException e) {
        if (!e.connectionLost()) {
            return false;
        }
        if (!away) {
            away = true;
            log.warn("{} stopped, the database is away ({}); trying again", what, e.getMessage());
        }
        return true;
    }
}
