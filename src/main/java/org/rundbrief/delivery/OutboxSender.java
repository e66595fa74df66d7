package org.rundbrief.delivery;

import io.github.bucket4j.Bucket;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.rundbrief.mail.PreparedMessage;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.smtp.MailFailure;
import org.rundbrief.smtp.SmtpConnection;
import org.rundbrief.store.OutageLog;
import org.rundbrief.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the {@link Outbox}'s mails over one SMTP connection of its own, with the delivery
 * runner's server and rate limit: beside a digest in progress, not behind it, so a confirmation
 * waits for the next token of the shared rate limit, not for the edition. What becomes of a mail
 * follows the digests' rules: a 4xx or a lost connection is tried again after the
 * {@link RetryPolicy}'s delay, a 5xx fails it for good, and a 550/551/553 for the member's own
 * address also bounces the member ({@link Bounces}). A server that cannot be used at all
 * (unreachable, greeting or login refused) costs no try: the sender stops and waits for the next
 * probe of the process's {@link ServerWatch} (doubling up to five minutes), so an outage of any
 * length loses no mail. In {@code serve} this thread also probes the server when an outage is on
 * and nothing is due, so the outage ends as soon as the server answers.
 * Rows are claimed with a lease, so several senders (serve nodes) never send one row twice; the
 * rows of a sender that died are due again when its lease ends.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** How many rows one claim takes. */
    static final int BATCH = 20;
    /** How long claimed rows are ours; at the SMTP timeout per message, a batch is done well inside it. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** How often {@link #start}'s thread looks for due mails when nobody wakes it (other nodes', retries). */
    static final Duration POLL = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final Mailer mailer;
    private final Bucket rateLimit;
    private final Bounces bounces;
    private final RetryPolicy retry;
    private final ServerWatch watch;
    private final Clock clock;
    private final Object signal = new Object();
    private volatile boolean closed;
    private Thread thread;
    /** Written by {@link #start}'s thread only. */
    private final OutageLog databaseOutage = new OutageLog("sending the outbox", log);

    public OutboxSender(Outbox outbox, DeliveryRunner runner, Bounces bounces, RetryPolicy retry, Clock clock) {
        this.outbox = outbox;
        this.mailer = runner.mailer();
        this.rateLimit = runner.rateLimit();
        this.watch = runner.serverWatch();
        this.bounces = bounces;
        this.retry = retry;
        this.clock = clock;
    }

    /** What one {@link #drain} did; {@code serverProblem} (null: none) when it ended because the server could not be used. */
    public record Report(int sent, int retry, int failed, String serverProblem) {
        /** One line for a person, e.g. "2 sent, 1 waiting for retry". */
        public String line() {
            String counts = sent + " sent, " + retry + " waiting for retry, " + failed + " failed";
            return serverProblem == null ? counts : counts + "; the rest waits: " + serverProblem;
        }

        public boolean nothing() {
            return sent + retry + failed == 0 && serverProblem == null;
        }
    }

    /**
     * Sends every mail due now (one pass, in the calling thread); ends early when the server
     * cannot be used, leaving the rest queued. What falls due later is left for a later drain.
     */
    public synchronized Report drain() {
        String owner = UUID.randomUUID().toString();
        int[] counts = new int[3];
        String problem = null;
        try (SmtpConnection connection = new SmtpConnection(mailer.server(), BATCH)) {
            while (!closed && problem == null) {
                List<Outbox.Claimed> rows = outbox.claim(owner, clock.instant().plus(LEASE), BATCH);
                if (rows.isEmpty()) {
                    break;
                }
                for (Outbox.Claimed row : rows) {
                    if (closed || problem != null) {
                        outbox.release(row, owner);
                        continue;
                    }
                    problem = send(connection, row, owner, counts);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Report(counts[0], counts[1], counts[2], problem);
    }

    /** Sends one row and records its outcome; the server's problem when it could not be used at all. */
    private String send(SmtpConnection connection, Outbox.Claimed row, String owner, int[] counts)
            throws InterruptedException {
        PreparedMessage msg;
        try {
            msg = PreparedMessage.stored(row.message(), row.envelopeFrom());
        } catch (MessagingException e) {
            outbox.markFailed(row, owner, "stored message unreadable: " + e.getMessage());
            counts[2]++;
            return null;
        }
        rateLimit.asBlocking().consume(1);
        try {
            connection.send(msg);
            outbox.markSent(row, owner);
            watch.up();
            counts[0]++;
            return null;
        } catch (MailFailure f) {
            return failed(row, owner, f, counts);
        }
    }

    private String failed(Outbox.Claimed row, String owner, MailFailure f, int[] counts) {
        log.warn("{} mail to {} (outbox row {}): {}", row.kind(), row.recipient(), row.id(), f.getMessage());
        Instant now = clock.instant();
        if (f.serverUnusable()) {
            outbox.markRetry(row, owner, watch.down(f.getMessage()), f.getMessage(), false);
            counts[1]++;
            return f.getMessage();
        }
        int attempts = row.attempts() + 1;
        if (f.permanent() || retry.exhausted(attempts)) {
            outbox.markFailed(row, owner, f.getMessage());
            counts[2]++;
            if (f.permanent() && f.mailboxGone() && row.toMember()) {
                bounces.hardBounce(row.subscriberId(), f.getMessage());
            }
        } else {
            outbox.markRetry(row, owner, now.plus(retry.delayAfter(attempts)), f.getMessage(), true);
            counts[1]++;
        }
        return null;
    }

    /**
     * For {@code serve}: drains in a thread of its own at once and then every {@link #POLL} (a
     * mail just queued, here or on another node; retries that fell due); during an outage only
     * when the next probe is due.
     */
    public void start() {
        thread = new Thread(this::loop, "outbox");
        thread.setDaemon(true);
        thread.start();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            if (watch.mayTry()) {
                try {
                    Report r = drain();
                    databaseOutage.worked();
                    if (!r.nothing()) {
                        log.info("outbox: {}", r.line());
                    } else if (watch.outage().isPresent()) {
                        probe();
                    }
                } catch (RuntimeException e) { // the next poll tries again
                    if (!(e instanceof StoreException store && databaseOutage.failed(store))) {
                        log.error("outbox: {}", e.getMessage(), e);
                    }
                }
            }
            synchronized (signal) {
                try {
                    signal.wait(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Nothing to send, but an outage on: asks the server whether it answers again (a greeting and a login). */
    private void probe() {
        Optional<String> problem = mailer.check();
        if (problem.isPresent()) {
            watch.down(problem.get());
        } else {
            watch.up();
            log.info("the SMTP server answers again");
        }
    }

    /** Stops after the mail in hand; the rest stays queued. */
    @Override
    public void close() {
        closed = true;
        wake();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
