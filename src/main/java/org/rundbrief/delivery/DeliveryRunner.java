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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued deliveries of one edition. A reader pages through the due rows (never all of
 * them in memory) into a small queue; {@code connections} workers each own a kept-open SMTP
 * connection, claim a row (with a lease) right before sending its message and mark it sent with
 * the claim of their next row — so a crash re-sends at most one message per worker. One rate
 * limit for all.
 */
public final class DeliveryRunner {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);
    static final int PAGE = 500;
    /** How long a claimed row is ours; a sender that died gives its row back when the lease ends. */
    static final Duration LEASE = Duration.ofSeconds(45);
    private static final Optional<DeliveryStore.Due> END = Optional.empty();

    private final DeliveryStore store;
    private final Mailer mailer;
    private final MessageSource messages;
    private final Bounces bounces;
    private final Clock clock;
    private final int connections;
    private final int messagesPerConnection;
    private final Bucket rateLimit;
    private final RetryPolicy retry;
    private volatile boolean stopping;

    public DeliveryRunner(DeliveryStore store, Mailer mailer, MessageSource messages, Bounces bounces, Clock clock,
                          Settings settings, RetryPolicy retry) {
        this.store = store;
        this.mailer = mailer;
        this.messages = messages;
        this.bounces = bounces;
        this.clock = clock;
        this.connections = settings.connections();
        this.messagesPerConnection = settings.messagesPerConnection();
        this.retry = retry;
        double rate = settings.ratePerSecond();
        long perSecond = Math.max(1, (long) Math.ceil(rate));
        Duration period = Duration.ofNanos((long) (perSecond * 1_000_000_000L / rate));
        this.rateLimit = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, period).build())
                .build();
    }

    /** {@code smtp.connections}, {@code smtp.ratePerSecond}, {@code smtp.messagesPerConnection}. */
    public record Settings(int connections, double ratePerSecond, int messagesPerConnection) {}

    /** Workers finish the message in hand and stop; unsent rows stay queued for the next run. */
    public void stop() {
        stopping = true;
    }

    /**
     * Works on the edition until nothing is due within {@code maxWait} (later retries are left for a
     * later run) or {@code keepGoing} turns false (paused or cancelled).
     */
    public void run(long editionId, BooleanSupplier keepGoing, Duration maxWait) throws InterruptedException {
        BlockingQueue<Optional<DeliveryStore.Due>> queue = new ArrayBlockingQueue<>(connections * 4);
        // Rows handed to workers and not finished yet: their outcome (sent, retry now) is still open.
        AtomicInteger inFlight = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections + 1, r -> {
            Thread t = new Thread(r, "delivery-" + editionId);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                read(editionId, keepGoing, maxWait, queue, inFlight);
                return null;
            }));
            for (int i = 0; i < connections; i++) {
                tasks.add(pool.submit(() -> {
                    work(queue, inFlight);
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("delivery failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pages through due rows in id order; starts over while retries or leases fall due soon. */
    private void read(long editionId, BooleanSupplier keepGoing, Duration maxWait,
                      BlockingQueue<Optional<DeliveryStore.Due>> queue, AtomicInteger inFlight) throws InterruptedException {
        try {
            long after = 0;
            while (!stopping && keepGoing.getAsBoolean()) {
                Instant now = clock.instant();
                List<DeliveryStore.Due> page = store.due(editionId, now, after, PAGE);
                for (DeliveryStore.Due row : page) {
                    inFlight.incrementAndGet();
                    queue.put(Optional.of(row));
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                    continue;
                }
                after = 0;
                if (inFlight.get() > 0) {
                    Thread.sleep(20); // a retry may fall due as soon as the workers finish
                    continue;
                }
                Optional<Instant> next = store.nextDue(editionId);
                if (next.isEmpty() || next.get().isAfter(now.plus(maxWait))) {
                    return;
                }
                Thread.sleep(Math.max(20, Math.min(1000, Duration.between(now, next.get()).toMillis())));
            }
        } finally {
            for (int i = 0; i < connections; i++) {
                queue.put(END);
            }
        }
    }

    private void work(BlockingQueue<Optional<DeliveryStore.Due>> queue, AtomicInteger inFlight) throws InterruptedException {
        try (Worker worker = new Worker()) {
            Optional<DeliveryStore.Due> next;
            while ((next = nextRow(queue, worker)).isPresent()) {
                try {
                    if (!stopping) {
                        rateLimit.asBlocking().consume(1);
                        worker.deliver(next.get());
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }
    }

    /** The next row; before waiting for one, the worker pays the "sent" mark it owes. */
    private static Optional<DeliveryStore.Due> nextRow(BlockingQueue<Optional<DeliveryStore.Due>> queue, Worker worker)
            throws InterruptedException {
        Optional<DeliveryStore.Due> next = queue.poll();
        if (next == null) {
            worker.flush();
            next = queue.take();
        }
        return next;
    }

    /**
     * One sending thread's state: its kept-open SMTP connection and the "sent" mark of its last
     * message, which is committed together with the claim of its next row (or when it goes idle).
     */
    private final class Worker implements AutoCloseable {
        private final SmtpConnection connection = new SmtpConnection(mailer.session(), messagesPerConnection);
        private DeliveryStore.Sent owed;

        void deliver(DeliveryStore.Due row) {
            boolean claimed = store.markSentAndClaim(owed, row, clock.instant().plus(LEASE));
            owed = null;
            if (!claimed) {
                return; // another sender took it
            }
            int attempts = row.attempts() + 1;
            MimeMessage msg;
            try {
                Optional<OutgoingMail> mail = messages.render(row.editionId(), row.subscriberId(), row.since());
                if (mail.isEmpty()) {
                    store.markFailed(row.id(), "skipped: subscriber no longer active or nothing left to send", clock.instant());
                    return;
                }
                msg = mailer.builder().build(mail.get());
            } catch (MessagingException | RuntimeException e) {
                // A message we cannot build will not build on a retry either.
                log.error("delivery {}: cannot render message", row.id(), e);
                store.markFailed(row.id(), "render failed: " + e.getMessage(), clock.instant());
                return;
            }
            try {
                connection.send(msg);
                owed = new DeliveryStore.Sent(row.id(), messageId(msg), clock.instant());
            } catch (MailFailure f) {
                if (f.permanent() || retry.exhausted(attempts)) {
                    log.warn("delivery {} to subscriber {} failed: {}", row.id(), row.subscriberId(), f.getMessage());
                    store.markFailed(row.id(), f.getMessage(), clock.instant());
                    if (f.mailboxGone()) {
                        bounces.hardBounce(row.subscriberId(), f.getMessage());
                    }
                } else {
                    store.markRetry(row.id(), clock.instant().plus(retry.delayAfter(attempts)), f.getMessage());
                }
            }
        }

        void flush() {
            if (owed != null) {
                store.markSent(owed.id(), owed.messageId(), owed.at());
                owed = null;
            }
        }

        @Override
        public void close() {
            try {
                flush();
            } finally {
                connection.close();
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
