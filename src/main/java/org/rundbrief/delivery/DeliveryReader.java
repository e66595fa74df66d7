package org.rundbrief.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The reading side of a run over one edition: pages through the due rows in id order (never all
 * of them in memory), leases each page's blocks of rows ({@link DeliveryStore#lease}), prepares
 * their messages and hands the rows through a small queue to the {@link Sender}s; then passes
 * again over the rows that fall due within {@code maxWait} (retries, rows of a sender that died).
 * At its end it puts one end mark per sender into the queue.
 */
final class DeliveryReader {
    /** How long a reader that caught up with an edition still being planned waits before it looks for new rows. */
    private static final Duration PLANNING_POLL = Duration.ofMillis(50);
    /** How often a reader waiting for a free sender checks for pause and cancel. */
    private static final Duration HALT_CHECK = Duration.ofMillis(250);
    /**
     * How often a reader waiting for the rows in flight checks for pause and cancel: they are set in
     * the database, perhaps by another process, so they are looked for; the senders stop starting
     * messages as soon as the reader saw them.
     */
    private static final Duration PAUSE_POLL = Duration.ofMillis(20);
    private static final Optional<Claimed> END = Optional.empty();

    /** A row this run leased, with the end of its lease, its message (none: nothing to send) and its time in flight. */
    record Claimed(DeliveryStore.Due row, Instant leaseUntil, Optional<MessageSource.Letter> letter, InFlight.Ticket ticket) {}

    /** What a reader works on: an edition, under a lease owner's name, and when to stop. */
    record Pass(long editionId, String owner, BooleanSupplier moreComing, Duration maxWait) {}

    private final DeliveryStore store;
    private final SentMarks marks;
    private final MessageSource messages;
    private final Clock clock;
    private final Pass pass;
    private final int claimSize;
    private final int senders;
    private final BlockingQueue<Optional<Claimed>> queue;
    private final InFlight inFlight = new InFlight();
    private final Halt halt;

    DeliveryReader(DeliveryStore store, SentMarks marks, MessageSource messages, Clock clock, Pass pass, int claimSize,
                   int senders, BlockingQueue<Optional<Claimed>> queue, Halt halt) {
        this.store = store;
        this.marks = marks;
        this.messages = messages;
        this.clock = clock;
        this.pass = pass;
        this.claimSize = claimSize;
        this.senders = senders;
        this.queue = queue;
        this.halt = halt;
    }

    /** Pages through the edition in id order; then passes again over what falls due within {@code maxWait}. */
    void read() throws InterruptedException {
        try {
            long after = 0;
            while (!halt.check()) {
                // Asked before the page: rows committed after an empty page of a finished planning cannot exist.
                boolean planning = pass.moreComing().getAsBoolean();
                List<DeliveryStore.Due> page = store.page(pass.editionId(), after, claimSize);
                if (page.isEmpty() && planning) {
                    halt.waitFor(PLANNING_POLL); // the planner writes from its own transaction: looked for again
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
                Instant leaseUntil = now.plus(DeliveryRunner.LEASE);
                List<DeliveryStore.Due> leased = lease(due, leaseUntil);
                Map<Long, MessageSource.Letter> letters = messages.prepare(pass.editionId(), leased);
                for (DeliveryStore.Due row : leased) {
                    hand(row, leaseUntil, Optional.ofNullable(letters.get(row.id())));
                }
            }
        } finally {
            for (int i = 0; i < senders; i++) {
                queue.put(END);
            }
        }
    }

    /**
     * At the end of a pass only retries and the rows of senders that died are left: waits for
     * the rows in flight, then for the first row due within {@code maxWait}; the id to page after,
     * or empty when the run is over.
     */
    private Optional<Long> nextPass() throws InterruptedException {
        while (!halt.check()) {
            if (!inFlight.awaitNone(PAUSE_POLL)) {
                continue; // a retry may fall due as soon as the senders finish
            }
            marks.flush(); // our own rows stay queued in the table until their marks are in
            marks.recover(); // a killed sender's marks, before its leases run out
            Instant now = clock.instant();
            long lookingSince = System.nanoTime();
            Optional<Long> first = store.firstDue(pass.editionId(), pass.owner());
            if (first.isPresent()) {
                return Optional.of(first.get() - 1);
            }
            Optional<Instant> next = store.nextDue(pass.editionId(), pass.owner());
            if (next.isEmpty() || next.get().isAfter(now.plus(pass.maxWait()))) {
                return Optional.empty();
            }
            // Both read the edition's rows (~0.9 s at a million): waiting takes no more than a fifth of a core.
            long looked = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lookingSince);
            halt.waitFor(Duration.ofMillis(Math.max(4 * looked,
                    Math.max(20, Math.min(1000, Duration.between(now, next.get()).toMillis())))));
        }
        return Optional.empty();
    }

    /**
     * Leases the blocks of the due rows and reads them again: the rows due now in the blocks
     * this run got. A block taken over from a sender that died may hold rows it sent and
     * only recorded in its journal, so the journals are replayed before the rows are read.
     */
    private List<DeliveryStore.Due> lease(List<DeliveryStore.Due> due, Instant leaseUntil) {
        DeliveryStore.Leased leased = store.lease(pass.editionId(), pass.owner(), due, leaseUntil);
        if (leased.tookOver()) {
            marks.recover();
        }
        Instant now = clock.instant();
        return store.rows(pass.editionId(), due.get(0).id(), due.get(due.size() - 1).id(), leased).stream()
                .filter(r -> r.isDue(now)).toList();
    }

    /** Queues a row for the senders, unless the run halts meanwhile (the row stays queued in the table then). */
    private void hand(DeliveryStore.Due row, Instant leaseUntil, Optional<MessageSource.Letter> letter)
            throws InterruptedException {
        InFlight.Ticket ticket = inFlight.open();
        Optional<Claimed> claimed = Optional.of(new Claimed(row, leaseUntil, letter, ticket));
        while (!queue.offer(claimed, HALT_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            if (halt.check()) {
                ticket.close();
                return;
            }
        }
    }
}
