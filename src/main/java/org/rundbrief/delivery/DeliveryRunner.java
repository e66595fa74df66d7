package org.rundbrief.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued deliveries of one edition with {@code connections} workers. Each worker owns a
 * kept-open SMTP connection and claims small batches from the database; a row is marked
 * {@code sending} (with a lease) before its message goes out and {@code sent} right after, so a
 * crash re-sends at most the messages that were on the wire. All workers share one rate limit.
 */
public final class DeliveryRunner {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);
    static final int BATCH = 20;
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Reconnect after this many messages on one connection (servers limit messages per session). */
    static final int MESSAGES_PER_CONNECTION = 1000;

    private final DeliveryStore store;
    private final Mailer mailer;
    private final MessageSource messages;
    private final Clock clock;
    private final int connections;
    private final Bucket rateLimit;
    private final RetryPolicy retry;
    private volatile boolean stopping;

    public DeliveryRunner(DeliveryStore store, Mailer mailer, MessageSource messages, Clock clock,
                          int connections, double ratePerSecond, RetryPolicy retry) {
        this.store = store;
        this.mailer = mailer;
        this.messages = messages;
        this.clock = clock;
        this.connections = connections;
        this.retry = retry;
        long perSecond = Math.max(1, (long) Math.ceil(ratePerSecond));
        Duration period = Duration.ofNanos((long) (perSecond * 1_000_000_000L / ratePerSecond));
        this.rateLimit = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, period).build())
                .build();
    }

    /**
     * Works on the edition until nothing is due within {@code maxWait} (later retries are left for a
     * later run) or {@code keepGoing} turns false (paused or cancelled).
     */
    public void run(long editionId, BooleanSupplier keepGoing, Duration maxWait) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "delivery-" + editionId);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                workers.add(pool.submit(() -> {
                    work(editionId, keepGoing, maxWait);
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("delivery worker failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Workers finish the message in hand and stop; their claimed rows go back to the queue when the lease ends. */
    public void stop() {
        stopping = true;
    }

    private void work(long editionId, BooleanSupplier keepGoing, Duration maxWait) throws InterruptedException {
        try (SmtpConnection connection = new SmtpConnection(mailer.session(), MESSAGES_PER_CONNECTION)) {
            while (!stopping && keepGoing.getAsBoolean()) {
                Instant now = clock.instant();
                List<DeliveryStore.Claimed> batch = store.claim(editionId, BATCH, now, now.plus(LEASE));
                if (batch.isEmpty()) {
                    Optional<Instant> next = store.nextDue(editionId);
                    if (next.isEmpty() || next.get().isAfter(now.plus(maxWait))) {
                        return;
                    }
                    Thread.sleep(Math.max(50, Math.min(1000, Duration.between(now, next.get()).toMillis())));
                    continue;
                }
                for (DeliveryStore.Claimed d : batch) {
                    if (stopping) {
                        // Hand unsent rows back at once instead of waiting for their lease to run out.
                        store.markRetry(d.id(), clock.instant(), null);
                        continue;
                    }
                    rateLimit.asBlocking().consume(1);
                    deliver(d, connection);
                }
            }
        }
    }

    private void deliver(DeliveryStore.Claimed d, SmtpConnection connection) {
        Optional<OutgoingMail> mail;
        MimeMessage msg;
        try {
            mail = messages.render(d.editionId(), d.subscriberId(), d.since());
            if (mail.isEmpty()) {
                store.markFailed(d.id(), "skipped: subscriber no longer active or nothing to send", clock.instant());
                return;
            }
            msg = mailer.builder().build(mail.get());
        } catch (MessagingException | RuntimeException e) {
            // A message we cannot build will not build on a retry either.
            log.error("delivery {}: cannot render message", d.id(), e);
            store.markFailed(d.id(), "render failed: " + e.getMessage(), clock.instant());
            return;
        }
        try {
            connection.send(msg);
            store.markSent(d.id(), messageId(msg), clock.instant());
        } catch (MailFailure f) {
            if (f.permanent() || retry.exhausted(d.attempts())) {
                log.warn("delivery {} to subscriber {} failed: {}", d.id(), d.subscriberId(), f.getMessage());
                store.markFailed(d.id(), f.getMessage(), clock.instant());
            } else {
                store.markRetry(d.id(), clock.instant().plus(retry.delayAfter(d.attempts())), f.getMessage());
            }
        }
    }

    private static String messageId(MimeMessage msg) {
        try {
            return msg.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
