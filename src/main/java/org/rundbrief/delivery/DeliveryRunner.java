package org.rundbrief.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.store.StoreException;

/**
 * Sends the queued deliveries of one edition: one {@link DeliveryReader} leases the due rows and
 * hands them through a small queue to {@code connections} {@link Sender}s, each owning a kept-open
 * SMTP connection; {@link Outcomes} records what became of each message. A sender records every
 * message the server took in {@link SentMarks} as soon as it knows (with a pipelining server:
 * once the next message's envelope went out, before its data does), so a crash re-sends at most
 * one message per sender. When the run ends its leases are dropped: rows leased but not sent
 * (stop, pause, cancel, a lease running short) are due again at once. One rate limit for all.
 */
public final class DeliveryRunner {
    static final int PAGE = 500;
    /** How long leased rows are ours; those of a sender that died are free again when the lease ends. */
    static final Duration LEASE = Duration.ofSeconds(45);
    /** A row whose lease ends sooner than this is not started (another sender may take it then). */
    static final Duration LEASE_MARGIN = LEASE.dividedBy(3);

    private final DeliveryStore store;
    private final SentMarks marks;
    private final Mailer mailer;
    private final MessageSource messages;
    private final Outcomes outcomes;
    private final Clock clock;
    private final int connections;
    private final int messagesPerConnection;
    private final int claimSize;
    private final Bucket rateLimit;
    private final ServerWatch watch;
    /** The runs under way, halted at once by {@link #stop}. */
    private final Set<Halt> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public DeliveryRunner(DeliveryStore store, SentMarks marks, MeterRegistry metrics, Mailer mailer,
                          MessageSource messages, Bounces bounces, Clock clock, Settings settings, RetryPolicy retry) {
        this.store = store;
        this.marks = marks;
        this.mailer = mailer;
        this.messages = messages;
        this.watch = new ServerWatch(clock);
        this.outcomes = new Outcomes(store, marks, bounces, retry, watch, clock, metrics);
        this.clock = clock;
        this.connections = settings.connections();
        this.messagesPerConnection = settings.messagesPerConnection();
        double rate = settings.ratePerSecond();
        // Claim no more than the rate limit lets go out well inside a lease.
        this.claimSize = (int) Math.max(connections, Math.min(PAGE, rate * LEASE_MARGIN.toSeconds()));
        long perSecond = Math.max(1, (long) Math.ceil(rate));
        Duration period = Duration.ofNanos((long) (perSecond * 1_000_000_000L / rate));
        this.rateLimit = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, period).build())
                .build();
    }

    /** The SMTP server and builder this runner sends with; the outbox sends with them too. */
    Mailer mailer() {
        return mailer;
    }

    /** Whether the SMTP server can be used, as every sender of this process (the outbox's too) met it. */
    public ServerWatch serverWatch() {
        return watch;
    }

    /** The one rate limit of everything this process sends: the outbox's mails take from it too. */
    Bucket rateLimit() {
        return rateLimit;
    }

    /** {@code smtp.connections}, {@code smtp.ratePerSecond}, {@code smtp.messagesPerConnection}. */
    public record Settings(int connections, double ratePerSecond, int messagesPerConnection) {}

    /** {@code listener} is told every SMTP error as it happens (the CLI prints them), on a sending thread. */
    public void onFailure(java.util.function.Consumer<String> listener) {
        outcomes.onFailure(listener);
    }

    /** Senders finish the message in hand and stop; unsent rows are left queued for the next run. */
    public void stop() {
        stopping = true;
        running.forEach(Halt::now);
    }

    /** Whether {@link #stop} was called: the process shuts down. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Works on the edition until nothing is due within {@code maxWait} (later retries are left for a
     * later run) or {@code keepGoing} turns false (paused or cancelled).
     *
     * @throws ServerUnusable when the SMTP server could not be used before a message of this run went
     *     out (unreachable, login refused); the rows stay queued, the one tried waits for its retry
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
        // Whose leases these are: one name per run, so two runs (or processes) never share a block.
        String owner = UUID.randomUUID().toString();
        Halt halt = new Halt(keepGoing);
        running.add(halt);
        if (stopping) {
            halt.now();
        }
        // Half a page: the reader fetches, leases and prepares the next page while the senders send
        // the rest of this one (with a few rows only they waited for it). The rows of a page wait at
        // most 1.5 pages' time, inside the lease's margin.
        BlockingQueue<Optional<DeliveryReader.Claimed>> queue = new ArrayBlockingQueue<>(Math.max(connections * 4, claimSize / 2));
        DeliveryReader reader = new DeliveryReader(store, marks, messages, clock,
                new DeliveryReader.Pass(editionId, owner, moreComing, maxWait), claimSize, connections, queue, halt);
        ExecutorService pool = Executors.newFixedThreadPool(connections + 1, r -> {
            Thread t = new Thread(r, "delivery-" + editionId);
            t.setDaemon(true);
            return t;
        });
        try {
            // Waited for in the order they end: when a sender dies (the database went away under its
            // sent mark) the run halts at once, instead of waiting for a reader that waits for it.
            CompletionService<Void> tasks = new ExecutorCompletionService<>(pool);
            tasks.submit(() -> {
                Thread.currentThread().setName("delivery-" + editionId + "-reader");
                reader.read();
                return null;
            });
            for (int i = 0; i < connections; i++) {
                Sender sender = new Sender(queue, halt, rateLimit, mailer, messagesPerConnection, outcomes, watch, clock);
                tasks.submit(() -> {
                    Thread.currentThread().setName("delivery-" + editionId + "-sender");
                    return sender.call();
                });
            }
            for (int i = 0; i <= connections; i++) {
                try {
                    tasks.take().get();
                } catch (ExecutionException e) {
                    halt.now();
                    if (e.getCause() instanceof StoreException lost) {
                        throw lost; // the database went away under a sent mark: said as such by the caller
                    }
                    throw new IllegalStateException("delivery failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            running.remove(halt);
            pool.shutdownNow();
            pool.awaitTermination(LEASE.toSeconds(), TimeUnit.SECONDS);
            marks.flush(); // before the leases go: another sender must not find these rows queued
            store.dropLeases(editionId, owner);
        }
        if (halt.cause().isPresent()) {
            throw new ServerUnusable(halt.cause().get());
        }
    }

    /** The SMTP server could not be used at all (unreachable, greeting or login refused); nothing went out. */
    public static final class ServerUnusable extends RuntimeException {
        ServerUnusable(org.rundbrief.smtp.MailFailure cause) {
            super(cause.getMessage(), cause);
        }
    }
}
