package org.rundbrief.delivery;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;

/**
 * One SMTP session kept open across many messages (reconnects lazily after an error, after
 * {@code maxMessages}, and after an idle spell). Not thread-safe: each sending worker owns one.
 */
final class SmtpConnection implements AutoCloseable {
    /**
     * A session unused for this long is opened afresh before the next message: the server may
     * have dropped it (idle timeout). Not checked before every message: that was one more round
     * trip per message.
     */
    static final Duration IDLE = Duration.ofSeconds(5);
    private final SmtpServer server;
    private final int maxMessages;
    private SmtpClient client;
    private int sentOnThis;
    private long lastUsed;

    SmtpConnection(SmtpServer server, int maxMessages) {
        this.server = server;
        this.maxMessages = maxMessages;
    }

    /** Sends one message; a failure says whether it is permanent (5xx) or worth a retry. */
    void send(MimeMessage msg) throws MailFailure {
        try {
            if (client == null || sentOnThis >= maxMessages || System.nanoTime() - lastUsed > IDLE.toNanos()) {
                close();
                client = SmtpClient.open(server);
                sentOnThis = 0;
            }
            client.send(msg);
            sentOnThis++;
            lastUsed = System.nanoTime();
        } catch (MailFailure f) {
            // After an SMTP error the session state is unknown: start the next message on a fresh connection.
            close();
            throw f;
        } catch (IOException e) {
            close();
            throw new MailFailure(describe(e) + " [" + server + "]", false, e);
        }
    }

    /** The exception's message with its root cause's, e.g. "Read timed out", "Connection refused". */
    private static String describe(IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg += " (" + root.getMessage() + ")";
        }
        return msg;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
