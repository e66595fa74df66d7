package org.rundbrief.edition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.subscriber.Cadence;

/**
 * Plans an edition: freezes its article set, then queues one delivery per subscriber who has
 * something new (DESIGN.md's rule), in windows of subscriber ids so memory and transactions stay
 * small whatever the list size. Each window is one transaction that also moves the subscribers'
 * watermarks, so a crash mid-planning loses nothing and {@link #resume} simply continues.
 */
public final class EditionPlanner {
    static final int WINDOW = 5_000;

    private final EditionStore store;
    private final Clock clock;
    private final int maxAgeDays;

    public EditionPlanner(EditionStore store, Clock clock, int maxAgeDays) {
        this.store = store;
        this.clock = clock;
        this.maxAgeDays = maxAgeDays;
    }

    /** Plans a new edition; empty when nothing is new for anybody (no edition is kept then). */
    public Optional<Edition> plan(Cadence cadence, String topic) {
        Optional<Instant> oldestWatermark = store.minWatermark(cadence);
        if (oldestWatermark.isEmpty()) {
            return Optional.empty();
        }
        long id = store.jdbc().inTransaction(() -> {
            // The cutoff is read under the articles lock: every article collected before it is committed.
            store.jdbc().lock(ArticleStore.ARTICLES_LOCK);
            Instant now = clock.instant();
            long editionId = store.insert(cadence, topic, now, now);
            store.freezeArticles(editionId, now, oldestWatermark.get(), now.minus(Duration.ofDays(maxAgeDays)), topic);
            return editionId;
        });
        Edition edition = store.byId(id).orElseThrow();
        queueDeliveries(edition);
        if (store.deliveryCount(id) == 0) {
            store.delete(id);
            return Optional.empty();
        }
        store.setStatus(id, Edition.Status.SENDING);
        return store.byId(id);
    }

    /** Finishes planning an edition that a crash interrupted (idempotent per window). */
    public void resume(Edition edition) {
        if (edition.status() == Edition.Status.PLANNING) {
            queueDeliveries(edition);
            store.setStatus(edition.id(), Edition.Status.SENDING);
        }
    }

    private void queueDeliveries(Edition edition) {
        long maxId = store.maxSubscriberId();
        // A topic edition must not move the watermark: the subscriber's other topics are still due.
        boolean advance = edition.topic() == null;
        for (long from = 0; from < maxId; from += WINDOW) {
            long lo = from;
            long hi = from + WINDOW;
            store.jdbc().inTransaction(() -> {
                if (store.planWindow(edition.id(), lo, hi) > 0 && advance) {
                    store.advanceWatermarks(edition, lo, hi);
                }
            });
        }
    }
}
