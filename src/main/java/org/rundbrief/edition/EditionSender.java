package org.rundbrief.edition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.rundbrief.delivery.DeliveryRunner;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.delivery.ServerWatch;
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
    private final Map<Cadence, Long> inProgress = new ConcurrentHashMap<>();
    /** Editions this process is planning right now. */
    private final Set<Long> beingPlanned = ConcurrentHashMap.newKeySet();
    /** Editions a thread of this process is sending right now: a second thread leaves them to it. */
    private final Set<Long> beingSent = ConcurrentHashMap.newKeySet();

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
     * An edition is sent while it is being planned: planning is mostly one thread's database work,
     * and the first rows can go out while the later windows are queued.
     */
    public List<Edition> sendDue(Cadence cadence, String topic, Duration maxWait) throws InterruptedException {
        return sendDue(cadence, topic, null, maxWait);
    }

    /** As above; with {@code includeRecent} the new edition is a first issue ({@link EditionPlanner#start(Cadence, String, Duration)}). */
    public List<Edition> sendDue(Cadence cadence, String topic, Duration includeRecent, Duration maxWait)
            throws InterruptedException {
        List<Edition> worked = new ArrayList<>();
        for (Edition unfinished : store.unfinished(cadence)) {
            send(unfinished, maxWait);
            worked.add(unfinished);
        }
        Optional<Edition> started = planner.start(cadence, topic, includeRecent);
        if (started.isPresent() && planAndSend(started.get(), maxWait)) {
            worked.add(started.get());
        }
        return worked;
    }

    /**
     * Sends an edition, first completing its planning when that was cut off (a crash while it was
     * being planned, perhaps paused) and nobody in this process is planning it now.
     */
    private void send(Edition edition, Duration maxWait) throws InterruptedException {
        if (edition.planned() || beingPlanned.contains(edition.id())) {
            send(edition, maxWait, null);
        } else {
            planAndSend(edition, maxWait);
        }
    }

    /**
     * Completes the planning of an edition in a second thread while this one sends its rows;
     * false when nobody got the edition (it is deleted then).
     */
    private boolean planAndSend(Edition edition, Duration maxWait) throws InterruptedException {
        Planning planning = new Planning(edition);
        planning.start();
        send(edition, maxWait, planning);
        return planning.result().isPresent();
    }

    /**
     * {@link EditionPlanner#complete} in its own thread; its failure is thrown again by {@link #result}.
     * When another planner holds the edition, this one waits and tries again: that planner may be
     * alive (another node: the rows it queues are sent here too) or dead (a killed process: its lease
     * ends within {@link EditionPlanner#LEASE} and this one plans the rest). Meanwhile the edition
     * counts as still being planned, so its queued rows go out at once.
     */
    private final class Planning extends Thread implements BooleanSupplier {
        /** How often a planner that found the edition held by another tries again. */
        private static final Duration TRY_AGAIN = Duration.ofSeconds(1);
        private final Edition edition;
        private final CountDownLatch givenUp = new CountDownLatch(1);
        private volatile boolean running = true;
        private volatile Optional<Edition> planned = Optional.empty();
        private volatile RuntimeException failure;

        Planning(Edition edition) {
            super("edition-" + edition.id() + "-planning");
            setDaemon(true);
            this.edition = edition;
            beingPlanned.add(edition.id());
        }

        @Override
        public void run() {
            try {
                planned = planner.complete(edition, runner::stopping);
                while (heldByAnother(planned) && !givenUp.await(TRY_AGAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    planned = planner.complete(edition, runner::stopping);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                running = false;
                beingPlanned.remove(edition.id());
            }
        }

        /** Still planning, or waiting for another planner's lease. */
        @Override
        public boolean getAsBoolean() {
            return running;
        }

        /** Stops waiting for another planner: the senders ended (done, paused or stopped). */
        void giveUp() {
            givenUp.countDown();
        }

        /** Waits for planning to end: the planned edition, or empty when nobody got it. */
        Optional<Edition> result() throws InterruptedException {
            join();
            if (failure != null) {
                throw new IllegalStateException("planning edition " + edition.id() + " failed: " + failure.getMessage(),
                        failure);
            }
            return planned;
        }
    }

    /** What {@link EditionPlanner#complete} returns when another planner holds the edition (a paused one is left paused). */
    private static boolean heldByAnother(Optional<Edition> edition) {
        return edition.isPresent() && edition.get().status() == Edition.Status.PLANNING;
    }

    /** How many subscribers would get a digest now; plans inside a rolled-back transaction. */
    public long dryRun(Cadence cadence, String topic, Duration includeRecent) {
        return store.jdbc().rolledBack(() -> planner.plan(cadence, topic, includeRecent)
                .map(e -> store.deliveryCount(e.id())).orElse(0L));
    }

    /** Why a send of the cadence found nothing new, in counts ({@link NothingNew#explain}). */
    public NothingNew whyNothingNew(Cadence cadence, String topic) {
        return planner.whyNothingNew(cadence, topic);
    }

    /** Whether a thread of this process is sending the edition right now. */
    public boolean sendingHere(long editionId) {
        return beingSent.contains(editionId);
    }

    /** The edition of {@code cadence} this process is sending right now, if any (for progress displays). */
    public Optional<Long> sending(Cadence cadence) {
        return Optional.ofNullable(inProgress.get(cadence));
    }

    /** Plans a new edition without sending it; it is sent by the next run for its cadence, or {@link #send(long, Duration)}. */
    public Optional<Edition> plan(Cadence cadence, String topic) {
        return planner.plan(cadence, topic);
    }

    /** Plans a new edition that stays paused until resumed or sent (admin: create, preview, then send). */
    public Optional<Edition> planHeld(Cadence cadence, String topic, Duration includeRecent) {
        return planner.planHeld(cadence, topic, includeRecent);
    }

    /**
     * Sends the queued deliveries of an edition that is in state sending (planning it to the end
     * first if that was cut off); marks it done when none is left.
     */
    public void send(long editionId, Duration maxWait) throws InterruptedException {
        send(store.byId(editionId).orElseThrow(), maxWait);
    }

    /**
     * As above, beside {@code planning} of the same edition when not null (rows still being queued;
     * the planner may even have deleted the edition already, when nobody gets it).
     */
    private void send(Edition edition, Duration maxWait, Planning planning) throws InterruptedException {
        long editionId = edition.id();
        Cadence cadence = edition.cadence();
        BooleanSupplier planned = planning == null ? () -> false : planning;
        if (!beingSent.add(editionId)) {
            return; // another thread of this process sends it (the resumer, a scheduled or an admin send)
        }
        inProgress.put(cadence, editionId);
        try {
            runner.run(editionId, () -> isSending(editionId, planned), planned, maxWait);
        } finally {
            if (planning != null) {
                planning.giveUp();
            }
            inProgress.remove(cadence, editionId);
            beingSent.remove(editionId);
        }
        if (planning != null && planning.result().isEmpty()) {
            return; // nobody got it; the planner deleted it
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

    /** Whether this process is stopping (Ctrl-C, SIGTERM): its senders stopped after the message in hand. */
    public boolean stopping() {
        return runner.stopping();
    }

    /** Whether the SMTP server can be used, as this process's senders met it. */
    public ServerWatch serverWatch() {
        return runner.serverWatch();
    }

    /** {@code listener} is told every SMTP error as it happens, on a sending thread. */
    public void onSmtpFailure(java.util.function.Consumer<String> listener) {
        runner.onFailure(listener);
    }

    /**
     * An operator's "send now": the rows of the unfinished editions of {@code cadence} that wait for
     * a retry are due at once (the scheduler's runs keep the backoff); how many.
     */
    public int retryNow(Cadence cadence) {
        runner.serverWatch().probeNow();
        return store.unfinished(cadence).stream().mapToInt(e -> deliveries.retryNow(e.id())).sum();
    }

    /** As {@link #retryNow(Cadence)}, for one edition. */
    public int retryNow(long editionId) {
        runner.serverWatch().probeNow();
        return deliveries.retryNow(editionId);
    }

    /** The edition's last SMTP error, and when its next retry is due. */
    public DeliveryStore.SmtpTrouble smtpTrouble(long editionId) {
        return deliveries.smtpTrouble(editionId);
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

    /** Sending, or (while {@code planning}) still being planned: not paused, cancelled or deleted. */
    private boolean isSending(long editionId, BooleanSupplier planning) {
        // Asked first: planning ends only after the edition left state planning.
        boolean stillPlanning = planning.getAsBoolean();
        return store.byId(editionId).map(e -> e.status() == Edition.Status.SENDING
                || e.status() == Edition.Status.PLANNING && stillPlanning).orElse(false);
    }
}
