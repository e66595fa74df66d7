package org.rundbrief.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import jakarta.mail.SendFailedException;

/**
 * One SMTP connection kept open across many messages (reconnects lazily after an error and after
 * {@code maxMessages}). Not thread-safe: each sending worker owns one.
 */
final class SmtpConnection implements AutoCloseable {
    /** A connection unused for this long is checked before the next message. */
    static final java.time.Duration IDLE_CHECK = java.time.Duration.ofSeconds(5);
    private final Session session;
    private final int maxMessages;
    private Transport transport;
    private int sentOnThis;
    private long lastUsed;

    SmtpConnection(Session session, int maxMessages) {
        this.session = session;
        this.maxMessages = maxMessages;
    }

    /** Sends one message; a failure says whether it is permanent (5xx) or worth a retry. */
    void send(MimeMessage msg) throws MailFailure {
        try {
            if (transport == null || sentOnThis >= maxMessages || idleTooLong()) {
                close();
                transport = session.getTransport();
                transport.connect();
                sentOnThis = 0;
            }
            transport.sendMessage(msg, msg.getAllRecipients());
            sentOnThis++;
            lastUsed = System.nanoTime();
        } catch (MessagingException e) {
            int code = replyCode(e);
            // After an SMTP error the session state is unknown: start the next message on a fresh connection.
            close();
            throw new MailFailure(describe(e, code), code >= 500 && code < 600, code, e);
        }
    }

    /**
     * After a pause the server may have dropped us (idle timeout): ask it (Jakarta Mail sends a
     * NOOP). Not before every message: that was one more round trip per message.
     */
    private boolean idleTooLong() {
        return System.nanoTime() - lastUsed > IDLE_CHECK.toNanos() && !transport.isConnected();
    }

    private static int replyCode(MessagingException e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException me && me.getNextException() != null
                ? me.getNextException() : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return -1;
    }

    private static String describe(MessagingException e, int code) {
        String msg = e instanceof SendFailedException && e.getNextException() != null
                ? e.getNextException().getMessage() : e.getMessage();
        msg = msg == null ? e.getClass().getSimpleName() : msg.strip();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg += " (" + root.getMessage() + ")"; // e.g. "Read timed out", "Connection refused"
        }
        return (code > 0 ? "SMTP " + code + ": " : "") + msg;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is being dropped anyway
            }
            transport = null;
        }
    }
}
