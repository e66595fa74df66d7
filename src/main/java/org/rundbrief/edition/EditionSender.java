package org.rundbrief.edition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.delivery.DeliveryRunner;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.subscriber.Cadence;

/**
 * Plans and sends editions: first whatever a crash or a stop left unfinished for the cadence, then
 * a new edition if something is new. Pause, resume and cancel act between delivery batches.
 */
public final class EditionSender {
    private final EditionStore store;
    private final EditionPlanner planner;
    private final DeliveryRunner runner;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final Map<Cadence, Long> inProgress = new java.util.concurrent.ConcurrentHashMap<>();

    public EditionSender(EditionStore store, EditionPlanner planner, DeliveryRunner runner, DeliveryStore deliveries,
                         Clock clock) {
        this.store = store;
        this.planner = planner;
        this.runner = runner;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * Sends the due edition of {@code cadence}; returns every edition it worked on (empty when
     * nothing was unfinished and nothing is new). {@code maxWait}: how long to wait for retries.
     */
    public List<Edition> sendDue(Cadence cadence, String topic, Duration maxWait) throws InterruptedException {
        List<Edition> worked = new ArrayList<>();
        for (Edition unfinished : store.unfinished(cadence)) {
            planner.resume(unfinished);
            send(unfinished.id(), maxWait);
            worked.add(unfinished);
        }
        Optional<Edition> planned = planner.plan(cadence, topic);
        if (planned.isPresent()) {
            send(planned.get().id(), maxWait);
            worked.add(planned.get());
        }
        return worked;
    }

    /** How many subscribers would get a digest now; plans inside a rolled-back transaction. */
    public long dryRun(Cadence cadence, String topic) {
        return store.jdbc().rolledBack(() -> planner.plan(cadence, topic).map(e -> store.deliveryCount(e.id())).orElse(0L));
    }

    /** The edition of {@code cadence} this process is sending right now, if any (for progress displays). */
    public Optional<Long> sending(Cadence cadence) {
        return Optional.ofNullable(inProgress.get(cadence));
    }

    /** Plans a new edition without sending it (admin: create, preview, then send). */
    public Optional<Edition> plan(Cadence cadence, String topic) {
        return planner.plan(cadence, topic);
    }

    /** Sends the queued deliveries of an edition that is in state sending; marks it done when none is left. */
    public void send(long editionId, Duration maxWait) throws InterruptedException {
        Cadence cadence = store.byId(editionId).orElseThrow().cadence();
        inProgress.put(cadence, editionId);
        try {
            runner.run(editionId, () -> isSending(editionId), maxWait);
        } finally {
            inProgress.remove(cadence, editionId);
        }
        if (store.byId(editionId).map(e -> e.status() == Edition.Status.CANCELLED).orElse(false)) {
            cancelPending(editionId); // the rows the senders gave back when they saw the cancel
            return;
        }
        Map<DeliveryStore.State, Long> counts = deliveries.counts(editionId);
        if (counts.get(DeliveryStore.State.QUEUED) == 0 && counts.get(DeliveryStore.State.SENDING) == 0) {
            store.finish(editionId, clock.instant());
        }
    }

    public Map<DeliveryStore.State, Long> progress(long editionId) {
        return deliveries.counts(editionId);
    }

    public void pause(long editionId) {
        store.setStatus(editionId, Edition.Status.PAUSED);
    }

    public void resume(long editionId) {
        store.setStatus(editionId, Edition.Status.SENDING);
    }

    public void cancel(long editionId) {
        store.jdbc().inTransaction(() -> {
            store.setStatus(editionId, Edition.Status.CANCELLED);
            cancelPending(editionId);
        });
    }

    private void cancelPending(long editionId) {
        store.jdbc().inTransaction(() -> {
            deliveries.cancelPending(editionId);
            // Nobody may miss an article: what a cancelled delivery would have brought is new again.
            store.rewindWatermarks(editionId);
        });
    }

    private boolean isSending(long editionId) {
        return store.byId(editionId).map(e -> e.status() == Edition.Status.SENDING).orElse(false);
    }
}
