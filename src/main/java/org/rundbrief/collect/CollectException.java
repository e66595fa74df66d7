package org.rundbrief.collect;

/** A source could not be collected; the message is one line for a person (shown by {@code collect}). */
public final class CollectException extends Exception {
    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
