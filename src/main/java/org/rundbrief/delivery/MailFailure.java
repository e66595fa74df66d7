package org.rundbrief.delivery;

/** A message could not be sent. {@code permanent} for 5xx answers (retrying will not help). */
public class MailFailure extends Exception {
    private final boolean permanent;

    public MailFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
