package org.rundbrief.bounce;

/** The bounce mailbox could not be read; the message says why and what to check. */
public final class MailboxException extends RuntimeException {
    MailboxException(String message) {
        super(message);
    }

    MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
