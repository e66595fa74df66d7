package org.rundbrief.edition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.subscriber.Cadence;

/**
 * Plans an edition: freezes its article set, then queues one delivery per subscriber who has
 * something new (the what-is-new rule, docs/ARCHITECTURE.md), in windows of subscriber ids so memory and transactions stay
 * small whatever the list size. Each window is one transaction that also moves the subscribers'
 * watermarks, so a crash mid-planning loses nothing and {@link #complete} simply continues. Windows
 * go in subscriber id order and commit one after the other, so a sender may work beside the
 * planner ({@code EditionSender}).
 */
public final class EditionPlanner {
    private static final int WINDOW = 5_000;

    private final EditionStore store;
    private final Clock clock;
    private final int maxAgeDays;
    private final int window;

    public EditionPlanner(EditionStore store, Clock clock, int maxAgeDays) {
        this(store, clock, maxAgeDays, WINDOW);
    }

    /** With {@code window} subscriber ids per transaction. */
    EditionPlanner(EditionStore store, Clock clock, int maxAgeDays, int window) {
        this.store = store;
        this.clock = clock;
        this.maxAgeDays = maxAgeDays;
        this.window = window;
    }

    /** Plans a new edition; empty when nothing is new for anybody (no edition is kept then). */
    public Optional<Edition> plan(Cadence cadence, String topic) {
        return start(cadence, topic).flatMap(this::complete);
    }

    /**
     * Plans a new edition that stays paused until someone sends it (the admin's create, for a
     * preview first). It is paused from its start: a scheduled send running meanwhile neither
     * sends it nor plans it too, but is held back by it ({@link EditionHeld}).
     */
    public Optional<Edition> planHeld(Cadence cadence, String topic) {
        return start(cadence, topic, Edition.Status.PAUSED).flatMap(this::complete);
    }

    /**
     * Starts a new edition: freezes its article set and leaves it in state planning for
     * {@link #complete}; empty when the cadence has no confirmed subscriber.
     *
     * @throws EditionHeld while an edition of the same cadence and topic is paused
     */
    public Optional<Edition> start(Cadence cadence, String topic) {
        return start(cadence, topic, Edition.Status.PLANNING);
    }

    /** As {@link #start(Cadence, String)}, the new edition in state {@code status}: planning or paused. */
    Optional<Edition> start(Cadence cadence, String topic, Edition.Status status) {
        store.paused(cadence, topic).ifPresent(paused -> {
            throw new EditionHeld(paused);
        });
        Optional<Instant> oldestWatermark = store.minWatermark(cadence);
        if (oldestWatermark.isEmpty()) {
            return Optional.empty();
        }
        long id = store.jdbc().inTransaction(() -> {
            // The cutoff is read under the articles lock: every article collected before it is committed.
            store.jdbc().lock(ArticleStore.ARTICLES_LOCK);
            Instant now = clock.instant();
            long editionId = store.insert(cadence, topic, status, now, now);
            store.freezeArticles(editionId, now, oldestWatermark.get(), now.minus(Duration.ofDays(maxAgeDays)), topic);
            return editionId;
        });
        return store.byId(id);
    }

    /**
     * Queues the deliveries of an edition in state planning (what {@link #start} or a crash left),
     * in increasing id order, and makes it sendable unless it was paused or cancelled meanwhile.
     * Empty, and the edition deleted, when nobody gets it (a cancelled one is kept as it is).
     * Idempotent per window.
     */
    public Optional<Edition> complete(Edition edition) {
        queueDeliveries(edition);
        if (store.deliveryCount(edition.id()) == 0 && !cancelled(edition)) {
            store.delete(edition.id());
            return Optional.empty();
        }
        store.planned(edition.id(), clock.instant());
        return store.byId(edition.id());
    }

    private void queueDeliveries(Edition edition) {
        long maxId = store.maxSubscriberId();
        // A topic edition must not move the watermark: the subscriber's other topics are still due.
        boolean advance = edition.topic() == null;
        // A cancel stops planning at the next window; its sender cancels the rows queued so far.
        for (long from = 0; from < maxId && !cancelled(edition); from += window) {
            long lo = from;
            long hi = from + window;
            store.jdbc().inTransaction(() -> {
                if (store.planWindow(edition.id(), lo, hi) > 0 && advance) {
                    store.advanceWatermarks(edition, lo, hi);
                }
            });
        }
    }

    private boolean cancelled(Edition edition) {
        return store.byId(edition.id()).map(e -> e.status() == Edition.Status.CANCELLED).orElse(true);
    }
}
