package org.rundbrief.admin;

/** The actor's role does not allow the action (HTTP 403); nothing was changed. */
public final class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
