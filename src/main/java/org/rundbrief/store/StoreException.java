package org.rundbrief.store;

import java.sql.SQLException;

/** A database error; keeps the SQL cause for the log. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("store: " + cause.getMessage(), cause);
    }
}
