package org.rundbrief.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.rundbrief.smtp.MailFailure;
import org.rundbrief.smtp.SmtpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what became of each row's message: sent (in the sent journal), failed for good (a
 * refused mailbox also suppresses the member), to be retried after the {@link RetryPolicy}'s
 * delay, or skipped; and counts each outcome in {@code rundbrief_deliveries_total{outcome}}.
 * Decides nothing about threads: the senders call it on their own thread.
 */
final class Outcomes {
    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    /** What became of one try: sent, failed for good, to be retried, or skipped (nothing left to send). */
    enum Outcome { SENT, FAILED, RETRY, SKIPPED }

    private final DeliveryStore store;
    private final SentMarks marks;
    private final Bounces bounces;
    private final RetryPolicy retry;
    private final ServerWatch watch;
    private final Clock clock;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();

    Outcomes(DeliveryStore store, SentMarks marks, Bounces bounces, RetryPolicy retry, ServerWatch watch, Clock clock,
             MeterRegistry metrics) {
        this.store = store;
        this.marks = marks;
        this.bounces = bounces;
        this.retry = retry;
        this.watch = watch;
        this.clock = clock;
        for (Outcome o : Outcome.values()) {
            counters.put(o, Counter.builder("rundbrief.deliveries").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("Delivery attempts by outcome").register(metrics));
        }
    }

    /** {@code listener} is told every SMTP error as it happens, on the sending thread. */
    void onFailure(Consumer<String> listener) {
        failureListeners.add(listener);
    }

    /** How many tries had this outcome since start (all runs of this process). */
    long count(Outcome outcome) {
        return (long) counters.get(outcome).count();
    }

    /** The member is no longer active or has nothing left to read. */
    void skipped(DeliveryStore.Due row) {
        store.markFailed(row.id(), "skipped: subscriber no longer active or nothing left to send", clock.instant());
        counters.get(Outcome.SKIPPED).increment();
    }

    /** A message that cannot be built will not build on a retry either. */
    void unbuildable(DeliveryStore.Due row, Exception e) {
        log.error("delivery {}: cannot render message", row.id(), e);
        store.markFailed(row.id(), "render failed: " + e.getMessage(), clock.instant());
        counters.get(Outcome.FAILED).increment();
    }

    void sent(DeliveryStore.Due row, String messageId) {
        watch.up();
        marks.record(new DeliveryStore.Sent(row.id(), messageId, clock.instant()));
        counters.get(Outcome.SENT).increment();
    }

    /** The server is known to be down: the row waits for its next probe without a try. */
    void serverDown(DeliveryStore.Due row) {
        store.markWaiting(row.id(), watch.nextProbe(), watch.outage().map(ServerWatch.Outage::error).orElse(null));
        counters.get(Outcome.RETRY).increment();
    }

    /**
     * A 5xx, or the last try, fails the row for good; anything else is tried again after the
     * policy's delay. A server that could not be used at all costs the row no try: it waits for
     * the server's next probe ({@link ServerWatch}).
     */
    void failed(DeliveryStore.Due row, MailFailure f) {
        store.recordSmtpError(row.editionId(), f.getMessage(), clock.instant());
        failureListeners.forEach(l -> l.accept(f.getMessage()));
        if (f.serverUnusable()) {
            store.markWaiting(row.id(), watch.down(f.getMessage()), f.getMessage());
            counters.get(Outcome.RETRY).increment();
            return;
        }
        int attempts = row.attempts() + 1;
        if (f.permanent() || retry.exhausted(attempts)) {
            log.warn("delivery {} to subscriber {} failed: {}", row.id(), row.subscriberId(), f.getMessage());
            store.markFailed(row.id(), f.getMessage(), clock.instant());
            counters.get(Outcome.FAILED).increment();
            if (f.mailboxGone()) {
                bounces.hardBounce(row.subscriberId(), f.getMessage());
            }
        } else {
            store.markRetry(row.id(), clock.instant().plus(retry.delayAfter(attempts)), f.getMessage());
            counters.get(Outcome.RETRY).increment();
        }
    }

    /**
     * The receipt for one row's message on an SMTP connection: records its outcome, tells the
     * run's {@link Halt} whether the server works, then ends the row's time in flight.
     */
    SmtpConnection.Receipt receipt(DeliveryStore.Due row, String messageId, InFlight.Ticket ticket, Halt halt) {
        return new SmtpConnection.Receipt() {
            @Override
            public void sent() {
                try (ticket) {
                    halt.delivered();
                    Outcomes.this.sent(row, messageId);
                }
            }

            @Override
            public void failed(MailFailure f) {
                try (ticket) {
                    if (f.serverUnusable()) {
                        halt.serverUnusable(f);
                    }
                    Outcomes.this.failed(row, f);
                }
            }
        };
    }
}
