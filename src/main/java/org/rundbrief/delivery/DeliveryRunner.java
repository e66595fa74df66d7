package org.rundbrief.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.rundbrief.smtp.MailFailure;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.smtp.SmtpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued deliveries of one edition. A reader pages through the due rows (never all of
 * them in memory), leases each page's blocks of rows ({@link DeliveryStore#lease}) and hands the
 * rows through a small queue to {@code connections} workers, each owning a kept-open SMTP
 * connection. A worker records every message the server took in {@link SentMarks} as soon as it
 * knows (with a pipelining server: once the next message's envelope went out, before its data
 * does), so a crash re-sends at most one message per worker. When the run ends its leases
 * are dropped: rows leased but not sent (stop, pause, cancel, a lease running short) are due
 * again at once. One rate limit for all.
 */
public final class DeliveryRunner {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);
    static final int PAGE = 500;
    /** How long leased rows are ours; those of a sender that died are free again when the lease ends. */
    static final Duration LEASE = Duration.ofSeconds(45);
    /** A row whose lease ends sooner than this is not started (another sender may take it then). */
    private static final Duration LEASE_MARGIN = LEASE.dividedBy(3);
    /** How often a reader waiting for a free worker checks for pause and cancel. */
    private static final Duration HALT_CHECK = Duration.ofMillis(250);
    /** How long a reader that caught up with an edition still being planned waits for the next rows. */
    private static final Duration PLANNING_POLL = Duration.ofMillis(50);
    private static final Optional<Claimed> END = Optional.empty();

    private final DeliveryStore store;
    private final SentMarks marks;
    private final Mailer mailer;
    private final MessageSource messages;
    private final Bounces bounces;
    private final Clock clock;
    private final int connections;
    private final int messagesPerConnection;
    private final int claimSize;
    private final Bucket rateLimit;
    private final RetryPolicy retry;
    private final Map<Outcome, Counter> outcomes;
    private volatile boolean stopping;

    /** What became of one try: sent, failed for good, to be retried, or skipped (nothing left to send). */
    private enum Outcome { SENT, FAILED, RETRY, SKIPPED }

    public DeliveryRunner(DeliveryStore store, SentMarks marks, MeterRegistry metrics, Mailer mailer,
                          MessageSource messages, Bounces bounces, Clock clock, Settings settings, RetryPolicy retry) {
        this.store = store;
        this.marks = marks;
        this.outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("rundbrief.deliveries").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("Delivery attempts by outcome").register(metrics));
        }
        this.mailer = mailer;
        this.messages = messages;
        this.bounces = bounces;
        this.clock = clock;
        this.connections = settings.connections();
        this.messagesPerConnection = settings.messagesPerConnection();
        this.retry = retry;
        double rate = settings.ratePerSecond();
        // Claim no more than the rate limit lets go out well inside a lease.
        this.claimSize = (int) Math.max(connections, Math.min(PAGE, rate * LEASE_MARGIN.toSeconds()));
        long perSecond = Math.max(1, (long) Math.ceil(rate));
        Duration period = Duration.ofNanos((long) (perSecond * 1_000_000_000L / rate));
        this.rateLimit = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, period).build())
                .build();
    }

    /** {@code smtp.connections}, {@code smtp.ratePerSecond}, {@code smtp.messagesPerConnection}. */
    public record Settings(int connections, double ratePerSecond, int messagesPerConnection) {}

    /** A row this sender leased, with the end of its lease and its message (none: nothing to send). */
    private record Claimed(DeliveryStore.Due row, Instant leaseUntil, Optional<MessageSource.Letter> letter) {}

    /** Workers finish the message in hand and stop; unsent rows are left queued for the next run. */
    public void stop() {
        stopping = true;
    }

    /**
     * Works on the edition until nothing is due within {@code maxWait} (later retries are left for a
     * later run) or {@code keepGoing} turns false (paused or cancelled).
     */
    public void run(long editionId, BooleanSupplier keepGoing, Duration maxWait) throws InterruptedException {
        run(editionId, keepGoing, () -> false, maxWait);
    }

    /**
     * As {@link #run(long, BooleanSupplier, Duration)}, on an edition whose rows are still being
     * queued while {@code moreComing} is true (planning beside sending): a reader that reaches the
     * last row waits for more instead of ending the pass. Rows must be queued in increasing id
     * order to be sent in the same pass; any other row is found by the pass after planning.
     */
    public void run(long editionId, BooleanSupplier keepGoing, BooleanSupplier moreComing, Duration maxWait)
            throws InterruptedException {
        marks.recover();
        Run run = new Run(editionId, keepGoing, moreComing, maxWait);
        ExecutorService pool = Executors.newFixedThreadPool(connections + 1, r -> {
            Thread t = new Thread(r, "delivery-" + editionId);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                Thread.currentThread().setName("delivery-" + editionId + "-reader");
                run.read();
                return null;
            }));
            for (int i = 0; i < connections; i++) {
                tasks.add(pool.submit(() -> {
                    Thread.currentThread().setName("delivery-" + editionId + "-sender");
                    run.work();
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    run.halted = true;
                    throw new IllegalStateException("delivery failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(LEASE.toSeconds(), TimeUnit.SECONDS);
            marks.flush(); // before the leases go: another sender must not find these rows queued
            store.dropLeases(editionId, run.owner);
        }
    }

    /** One run over an edition: the reader and the queue to the workers. */
    private final class Run {
        /** Whose leases these are: one name per run, so two runs (or processes) never share a block. */
        private final String owner = UUID.randomUUID().toString();
        private final long editionId;
        private final BooleanSupplier keepGoing;
        private final BooleanSupplier moreComing;
        private final Duration maxWait;
        /**
         * Half a page: the reader fetches, leases and prepares the next page while the workers send
         * the rest of this one (with a few rows only they waited for it). The rows of a page wait at
         * most 1.5 pages' time, inside the lease's margin.
         */
        private final BlockingQueue<Optional<Claimed>> queue = new ArrayBlockingQueue<>(Math.max(connections * 4, claimSize / 2));
        /** Rows handed to workers and not finished yet: their outcome (sent, retry now) is still open. */
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean halted;

        Run(long editionId, BooleanSupplier keepGoing, BooleanSupplier moreComing, Duration maxWait) {
            this.editionId = editionId;
            this.keepGoing = keepGoing;
            this.moreComing = moreComing;
            this.maxWait = maxWait;
        }

        /** Pages through the edition in id order; then passes again over what falls due within {@code maxWait}. */
        void read() throws InterruptedException {
            try {
                long after = 0;
                while (!halted()) {
                    // Asked before the page: rows committed after an empty page of a finished planning cannot exist.
                    boolean planning = moreComing.getAsBoolean();
                    List<DeliveryStore.Due> page = store.page(editionId, after, claimSize);
                    if (page.isEmpty() && planning) {
                        Thread.sleep(PLANNING_POLL.toMillis());
                        continue;
                    }
                    if (page.isEmpty()) {
                        Optional<Long> restart = nextPass();
                        if (restart.isEmpty()) {
                            return;
                        }
                        after = restart.get();
                        continue;
                    }
                    after = page.get(page.size() - 1).id();
                    Instant now = clock.instant();
                    List<DeliveryStore.Due> due = page.stream().filter(r -> r.isDue(now)).toList();
                    if (due.isEmpty()) {
                        continue;
                    }
                    Instant leaseUntil = now.plus(LEASE);
                    List<DeliveryStore.Due> leased = lease(due, leaseUntil);
                    Map<Long, MessageSource.Letter> letters = messages.prepare(editionId,
                            leased.stream().map(DeliveryStore.Due::id).toList());
                    for (DeliveryStore.Due row : leased) {
                        hand(new Claimed(row, leaseUntil, Optional.ofNullable(letters.get(row.id()))));
                    }
                }
            } finally {
                for (int i = 0; i < connections; i++) {
                    queue.put(END);
                }
            }
        }

        /**
         * At the end of a pass only retries and the rows of senders that died are left: waits for
         * the workers, then for the first row due within {@code maxWait}; the id to page after, or
         * empty when the run is over.
         */
        private Optional<Long> nextPass() throws InterruptedException {
            while (!halted()) {
                if (inFlight.get() > 0) {
                    Thread.sleep(20); // a retry may fall due as soon as the workers finish
                    continue;
                }
                marks.flush(); // our own rows stay queued in the table until their marks are in
                marks.recover(); // a killed sender's marks, before its leases run out
                Instant now = clock.instant();
                long lookingSince = System.nanoTime();
                Optional<Long> first = store.firstDue(editionId, owner);
                if (first.isPresent()) {
                    return Optional.of(first.get() - 1);
                }
                Optional<Instant> next = store.nextDue(editionId, owner);
                if (next.isEmpty() || next.get().isAfter(now.plus(maxWait))) {
                    return Optional.empty();
                }
                // Both read the edition's rows (~0.9 s at a million): waiting takes no more than a fifth of a core.
                long looked = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lookingSince);
                Thread.sleep(Math.max(4 * looked, Math.max(20, Math.min(1000, Duration.between(now, next.get()).toMillis()))));
            }
            return Optional.empty();
        }

        /**
         * Leases the blocks of the due rows and reads them again: the rows due now in the blocks
         * this sender got. A block taken over from a sender that died may hold rows it sent and
         * only recorded in its journal, so the journals are replayed before the rows are read.
         */
        private List<DeliveryStore.Due> lease(List<DeliveryStore.Due> due, Instant leaseUntil) {
            DeliveryStore.Leased leased = store.lease(editionId, owner, due, leaseUntil);
            if (leased.tookOver()) {
                marks.recover();
            }
            Instant now = clock.instant();
            return store.rows(editionId, due.get(0).id(), due.get(due.size() - 1).id(), leased).stream()
                    .filter(r -> r.isDue(now)).toList();
        }

        /** Queues a row for the workers, unless the run is halted (the row stays queued then). */
        private void hand(Claimed row) throws InterruptedException {
            inFlight.incrementAndGet();
            while (!queue.offer(Optional.of(row), HALT_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (halted()) {
                    inFlight.decrementAndGet();
                    return;
                }
            }
        }

        /** Stopped, paused or cancelled: workers send nothing more; their rows stay queued. */
        private boolean halted() {
            if (!halted && (stopping || !keepGoing.getAsBoolean())) {
                halted = true;
            }
            return halted;
        }

        /**
         * Sends the rows handed over until the end. A row is in flight until its outcome is known:
         * with a pipelining server that is when the next message starts, so before waiting (for a
         * row, or for the rate limit) the worker settles the message it sent last.
         */
        void work() throws InterruptedException {
            try (Worker worker = new Worker(inFlight)) {
                while (true) {
                    Optional<Claimed> next = queue.poll();
                    if (next == null) {
                        worker.finish();
                        next = queue.take();
                    }
                    if (next.isEmpty()) {
                        return;
                    }
                    Claimed row = next.get();
                    boolean sending = false;
                    try {
                        // Not started: stopping, or the lease ends too soon (another sender may take the row then).
                        if (!halted && !stopping && !clock.instant().isAfter(row.leaseUntil().minus(LEASE_MARGIN))) {
                            if (!rateLimit.tryConsume(1)) {
                                worker.finish();
                                rateLimit.asBlocking().consume(1);
                            }
                            sending = worker.deliver(row.row(), row.letter());
                        }
                    } finally {
                        if (!sending) {
                            inFlight.decrementAndGet();
                        }
                    }
                }
            }
        }
    }

    /** One sending thread's kept-open SMTP connection. */
    private final class Worker implements AutoCloseable {
        private final SmtpConnection connection = new SmtpConnection(mailer.server(), messagesPerConnection);
        /** The run's rows handed to workers whose outcome is still open. */
        private final AtomicInteger inFlight;

        Worker(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        /**
         * Renders and sends the row's message; true when it went to the connection, whose
         * {@link Outcome} records it and ends the row's time in flight.
         */
        boolean deliver(DeliveryStore.Due row, Optional<MessageSource.Letter> letter) {
            MimeMessage msg;
            try {
                if (letter.isEmpty()) {
                    store.markFailed(row.id(), "skipped: subscriber no longer active or nothing left to send", clock.instant());
                    outcomes.get(Outcome.SKIPPED).increment();
                    return false;
                }
                msg = mailer.builder().build(letter.get().render());
            } catch (MessagingException | RuntimeException e) {
                // A message we cannot build will not build on a retry either.
                log.error("delivery {}: cannot render message", row.id(), e);
                store.markFailed(row.id(), "render failed: " + e.getMessage(), clock.instant());
                outcomes.get(Outcome.FAILED).increment();
                return false;
            }
            connection.send(msg, new Receipt(row, messageId(msg), inFlight));
            return true;
        }

        /** Records the outcome of the message still waiting for the server's reply. */
        void finish() {
            connection.finish();
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Records what became of one row's message (sent, failed, to retry) and ends its time in flight. */
    private final class Receipt implements SmtpConnection.Receipt {
        private final DeliveryStore.Due row;
        private final String messageId;
        private final AtomicInteger inFlight;

        Receipt(DeliveryStore.Due row, String messageId, AtomicInteger inFlight) {
            this.row = row;
            this.messageId = messageId;
            this.inFlight = inFlight;
        }

        @Override
        public void sent() {
            try {
                marks.record(new DeliveryStore.Sent(row.id(), messageId, clock.instant()));
                outcomes.get(Outcome.SENT).increment();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void failed(MailFailure f) {
            try {
                int attempts = row.attempts() + 1;
                if (f.permanent() || retry.exhausted(attempts)) {
                    log.warn("delivery {} to subscriber {} failed: {}", row.id(), row.subscriberId(), f.getMessage());
                    store.markFailed(row.id(), f.getMessage(), clock.instant());
                    outcomes.get(Outcome.FAILED).increment();
                    if (f.mailboxGone()) {
                        bounces.hardBounce(row.subscriberId(), f.getMessage());
                    }
                } else {
                    store.markRetry(row.id(), clock.instant().plus(retry.delayAfter(attempts)), f.getMessage());
                    outcomes.get(Outcome.RETRY).increment();
                }
            } finally {
                inFlight.decrementAndGet();
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
