package org.rundbrief.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** A database error; keeps the SQL cause for the log. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("store: " + cause.getMessage(), cause);
    }

    /**
     * Whether the database could not be reached or dropped the connection (restarted, network cut,
     * no connection within the pool's wait), as opposed to refusing a statement: a fault of
     * operation that passes, not a bug. SQL states of class 08 (connection exception) and 57P
     * (operator intervention, PostgreSQL's "terminating connection due to administrator command").
     */
    public boolean connectionLost() {
        return connectionLost(getCause());
    }

    /**
     * Whether this call was turned away at once because the database is known to be away (an
     * earlier caller's wait for it failed and another caller waits now): the outage is old news.
     */
    public boolean turnedAway() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectionGate.TurnedAway) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e}'s cause chain says the connection was lost, as {@link #connectionLost()} reads it. */
    public static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
