package org.rundbrief.smtp;

/** A message could not be sent. {@code permanent} for 5xx answers (retrying will not help). */
public class MailFailure extends Exception {
    private final boolean permanent;
    private final int replyCode;
    private final boolean serverUnusable;

    public MailFailure(String message, boolean permanent, Throwable cause) {
        this(message, permanent, -1, cause);
    }

    public MailFailure(String message, boolean permanent, int replyCode, Throwable cause) {
        this(message, permanent, replyCode, false, cause);
    }

    private MailFailure(String message, boolean permanent, int replyCode, boolean serverUnusable, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.replyCode = replyCode;
        this.serverUnusable = serverUnusable;
    }

    /**
     * No session with the server: it cannot be reached, or it refused the greeting, TLS or the
     * login. Worth a retry later, but no other message goes through it now either.
     */
    public static MailFailure serverUnusable(String message, Throwable cause) {
        return new MailFailure(message, false, -1, true, cause);
    }

    /** See {@link #serverUnusable(String, Throwable)}. */
    public boolean serverUnusable() {
        return serverUnusable;
    }

    /**
     * RFC 5321 550/551/553: the mailbox does not exist or is not accepted — a hard bounce, unlike
     * 552/554 (too big, policy) which may be about this one message.
     */
    public boolean mailboxGone() {
        return replyCode == 550 || replyCode == 551 || replyCode == 553;
    }

    public boolean permanent() {
        return permanent;
    }
}
