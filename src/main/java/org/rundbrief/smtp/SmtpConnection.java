package org.rundbrief.smtp;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One SMTP session kept open across many messages (reconnects lazily after an error, after
 * {@code maxMessages}, and after an idle spell). With a pipelining server a message's outcome is
 * known only when the next message starts (or at {@link #finish}): its {@link Receipt} is told
 * then, on the sending thread. At most one message per connection is ever waiting for its
 * outcome. Not thread-safe: each sending worker owns one.
 */
public final class SmtpConnection implements AutoCloseable {
    /**
     * A session unused for this long is opened afresh before the next message: the server may
     * have dropped it (idle timeout). Not checked before every message: that was one more round
     * trip per message.
     */
    static final Duration IDLE = Duration.ofSeconds(5);
    private final SmtpServer server;
    private final int maxMessages;
    private SmtpClient client;
    /** The message whose data went out and whose reply is still unread; only while {@code client} is open. */
    private Receipt pending;
    private int sentOnThis;
    private long lastUsed;

    /** What became of one message; told exactly once. */
    public interface Receipt {
        void sent();

        /** Says whether it is permanent (5xx) or worth a retry. */
        void failed(MailFailure f);
    }

    public SmtpConnection(SmtpServer server, int maxMessages) {
        this.server = server;
        this.maxMessages = maxMessages;
    }

    /** Sends one message and waits for its outcome; a failure says whether it is permanent. */
    public void send(MimeMessage msg) throws MailFailure {
        MailFailure[] failure = {null};
        send(msg, new Receipt() {
            @Override
            public void sent() {}

            @Override
            public void failed(MailFailure f) {
                failure[0] = f;
            }
        });
        finish();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Sends one message; {@code receipt} is told its outcome now or, when the server pipelines,
     * once the next message started or {@link #finish} was called. The previous message's receipt
     * is told first.
     */
    public void send(MimeMessage msg, Receipt receipt) {
        try {
            if (client != null && (sentOnThis >= maxMessages || System.nanoTime() - lastUsed > IDLE.toNanos())) {
                close();
            }
            open();
            SmtpClient.Envelope envelope;
            try {
                envelope = client.envelope(msg);
            } catch (MailFailure f) { // this message's own fault, not the session's
                receipt.failed(f);
                return;
            }
            if (!client.pipelining()) {
                settle(); // the previous message's reply comes before anything new
                open();
            }
            client.announce(envelope);
            if (pending != null && !settle()) {
                // The previous message failed and its session was closed: start this one afresh.
                open();
                client.announce(envelope);
            }
            client.transfer(msg);
            pending = receipt;
            sentOnThis++;
            lastUsed = System.nanoTime();
        } catch (MailFailure f) {
            fail(receipt, f);
        } catch (IOException e) {
            fail(receipt, lost(e));
        }
    }

    private void open() throws MailFailure {
        if (client == null) {
            try {
                client = SmtpClient.open(server);
            } catch (IOException e) { // a TLS handshake or a greeting that did not come
                throw MailFailure.serverUnusable("cannot open an SMTP session with " + server + ": " + describe(e), e);
            }
            sentOnThis = 0;
        }
    }

    /** Tells the receipt of the message still waiting for the server's reply, if any. */
    public void finish() {
        settle();
    }

    /** Reads the pending message's reply and tells its receipt; false when it failed (the session is closed then). */
    private boolean settle() {
        if (pending == null) {
            return true;
        }
        Receipt receipt = pending;
        pending = null;
        try {
            client.confirm();
        } catch (MailFailure f) {
            closeClient();
            receipt.failed(f);
            return false;
        } catch (IOException e) {
            closeClient();
            receipt.failed(lost(e));
            return false;
        }
        receipt.sent();
        return true;
    }

    /**
     * After an SMTP error the session's state is unknown: the next message starts on a fresh
     * connection. A message still waiting for its reply on a broken connection may or may not
     * have been taken: it fails transiently (a retry may deliver it twice, as when any reply is lost).
     */
    private void fail(Receipt receipt, MailFailure f) {
        Receipt earlier = pending;
        pending = null;
        closeClient();
        if (earlier != null) {
            earlier.failed(new MailFailure("no reply to the message's data: " + f.getMessage(), false, f));
        }
        receipt.failed(f);
    }

    private MailFailure lost(IOException e) {
        return new MailFailure(describe(e) + " [" + server + "]", false, e);
    }

    /**
     * The exception's message with its root cause's, e.g. "Read timed out", "Connection refused";
     * a certificate the handshake refused in plain words ({@link TlsTrouble}).
     */
    private static String describe(IOException e) {
        Optional<String> tls = TlsTrouble.explain(e);
        if (tls.isPresent()) {
            return tls.get();
        }
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

    /** Tells the pending receipt, then says goodbye. */
    @Override
    public void close() {
        settle();
        closeClient();
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
