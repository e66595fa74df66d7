package org.rundbrief.edition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.subscriber.Cadence;

/**
 * Plans an edition: freezes its article set, then queues one delivery per subscriber who has
 * something new (the what-is-new rule, docs/ARCHITECTURE.md), in windows of subscriber ids so memory and transactions stay
 * small whatever the list size. Each window is one transaction that also moves the subscribers'
 * watermarks, so a crash mid-planning loses nothing and {@link #complete} simply continues. Windows
 * go in subscriber id order and commit one after the other, so a sender may work beside the
 * planner ({@code EditionSender}). A planner holds the edition with a lease it renews with every window
 * ({@link #LEASE}): two nodes never plan one edition at once, and the edition of a node that
 * died is completed by another (serve's {@code Resumer}) once the lease ran out.
 */
public final class EditionPlanner {
    private static final int WINDOW = 5_000;
    /**
     * The first window holds this share of a window's ids, and each next one twice as many as the
     * one before, up to a whole window: the senders, which start on the first window's rows, start
     * sooner (a one-shot send's senders waited 0.3-0.4 s for a first window of 5,000), and a long
     * list is still planned in few transactions.
     */
    private static final int FIRST_WINDOW_SHARE = 10;

    /**
     * How long a planner holds an edition without renewing (it renews with every window): the
     * planning of a node that died is taken over once this ran out.
     */
    static final Duration LEASE = Duration.ofSeconds(30); // a window of 5,000 takes well under a second

    private final EditionStore store;
    private final Clock clock;
    /** This planner's name on the editions it plans (one per process). */
    private final String owner = java.util.UUID.randomUUID().toString();
    private final int maxAgeDays;
    private final int window;

    public EditionPlanner(EditionStore store, Clock clock, int maxAgeDays) {
        this(store, clock, maxAgeDays, WINDOW);
    }

    /** With up to {@code window} subscriber ids per transaction. */
    EditionPlanner(EditionStore store, Clock clock, int maxAgeDays, int window) {
        this.store = store;
        this.clock = clock;
        this.maxAgeDays = maxAgeDays;
        this.window = window;
    }

    /** Plans a new edition; empty when nothing is new for anybody (no edition is kept then). */
    public Optional<Edition> plan(Cadence cadence, String topic) {
        return plan(cadence, topic, null);
    }

    /** As {@link #plan(Cadence, String)}, as a first issue when {@code includeRecent} is not null ({@link #start(Cadence, String, Edition.Status, Duration)}). */
    public Optional<Edition> plan(Cadence cadence, String topic, Duration includeRecent) {
        return start(cadence, topic, Edition.Status.PLANNING, includeRecent).flatMap(this::complete);
    }

    /**
     * Plans a new edition that stays paused until someone sends it (the admin's create, for a
     * preview first). It is paused from its start: a scheduled send running meanwhile neither
     * sends it nor plans it too, but is held back by it ({@link EditionHeld}).
     */
    public Optional<Edition> planHeld(Cadence cadence, String topic, Duration includeRecent) {
        return start(cadence, topic, Edition.Status.PAUSED, includeRecent).flatMap(this::complete);
    }

    /**
     * Starts a new edition: freezes its article set and leaves it in state planning for
     * {@link #complete}; empty when the cadence has no confirmed subscriber.
     *
     * @throws EditionHeld while an edition of the same cadence and topic is paused
     */
    public Optional<Edition> start(Cadence cadence, String topic) {
        return start(cadence, topic, Edition.Status.PLANNING, null);
    }

    /** As {@link #start(Cadence, String)}; a first issue when {@code includeRecent} is not null. */
    public Optional<Edition> start(Cadence cadence, String topic, Duration includeRecent) {
        return start(cadence, topic, Edition.Status.PLANNING, includeRecent);
    }

    /** As {@link #start(Cadence, String)}, the new edition in state {@code status}: planning or paused. */
    Optional<Edition> start(Cadence cadence, String topic, Edition.Status status) {
        return start(cadence, topic, status, null);
    }

    /**
     * As {@link #start(Cadence, String, Duration)}, the new edition in state {@code status}: planning
     * or paused. With {@code includeRecent} it is a first issue: subscribers of the cadence who never
     * got a digest have their watermark moved back to {@code now - includeRecent}, so what was
     * collected in that time (before they signed up) is new for them once; the edition then moves
     * their watermarks to its cutoff as always, so nothing goes to them twice. Subscribers who got a
     * digest before are not touched.
     */
    Optional<Edition> start(Cadence cadence, String topic, Edition.Status status, Duration includeRecent) {
        store.paused(cadence, topic).ifPresent(paused -> {
            throw new EditionHeld(paused);
        });
        if (includeRecent != null && topic != null) {
            throw new IllegalArgumentException("a first issue (--include-recent) goes to all topics; leave out the topic");
        }
        if (includeRecent != null && includeRecent.compareTo(Duration.ofDays(maxAgeDays)) > 0) {
            throw new IllegalArgumentException("--include-recent " + includeRecent.toDays() + "d reaches further back than "
                    + "delivery.maxAgeDays (" + maxAgeDays + "); choose at most " + maxAgeDays + "d or raise delivery.maxAgeDays");
        }
        if (store.minWatermark(cadence).isEmpty()) {
            return Optional.empty();
        }
        long id = store.jdbc().inTransaction(() -> {
            // The cutoff is read under the articles lock: every article collected before it is committed.
            store.jdbc().lock(ArticleStore.ARTICLES_LOCK);
            Instant now = clock.instant();
            if (includeRecent != null) {
                store.rewindNewcomers(cadence, now.minus(includeRecent));
            }
            Instant oldestWatermark = store.minWatermark(cadence).orElse(now);
            long editionId = store.insert(cadence, topic, status, now, now);
            store.takePlanning(editionId, owner, now.plus(LEASE), now);
            store.freezeArticles(editionId, now, oldestWatermark, now.minus(Duration.ofDays(maxAgeDays)), topic);
            return editionId;
        });
        return store.byId(id);
    }

    /** Why nothing is new for the cadence's subscribers (counted when a send found nothing). */
    public NothingNew whyNothingNew(Cadence cadence, String topic) {
        Instant publishedSince = clock.instant().minus(Duration.ofDays(maxAgeDays));
        return store.nothingNew(cadence, topic, publishedSince, maxAgeDays);
    }

    /**
     * Queues the deliveries of an edition in state planning (what {@link #start} or a crash left),
     * in increasing id order, and makes it sendable unless it was paused or cancelled meanwhile.
     * Empty, and the edition deleted, when nobody gets it (a cancelled one is kept as it is).
     * Idempotent per window.
     */
    public Optional<Edition> complete(Edition edition) {
        return complete(edition, () -> false);
    }

    /**
     * As {@link #complete(Edition)}, stopping between two windows once {@code stopping} is true (the
     * process shuts down): the lease is given back and the edition stays in state planning for the
     * next planner.
     */
    Optional<Edition> complete(Edition edition, BooleanSupplier stopping) {
        if (!queueDeliveries(edition, stopping)) {
            return store.byId(edition.id()); // another planner holds it and finishes it, or the next one will
        }
        if (store.deliveryCount(edition.id()) == 0 && !cancelled(edition)) {
            store.delete(edition.id());
            return Optional.empty();
        }
        store.planned(edition.id(), clock.instant());
        return store.byId(edition.id());
    }

    /**
     * Queues the edition's rows window by window, renewing the planning lease before each; false when
     * another planner holds it or this one stopped before the last window.
     */
    private boolean queueDeliveries(Edition edition, BooleanSupplier stopping) {
        long maxId = store.maxSubscriberId();
        // A topic edition must not move the watermark: the subscriber's other topics are still due.
        boolean advance = edition.topic() == null;
        // A cancel stops planning at the next window; its sender cancels the rows queued so far.
        long size = Math.max(1, window / FIRST_WINDOW_SHARE);
        for (long from = 0; from < maxId && !cancelled(edition); from += size, size = Math.min(window, 2 * size)) {
            if (stopping.getAsBoolean()) {
                store.giveUpPlanning(edition.id(), owner);
                return false;
            }
            long lo = from;
            long hi = from + size;
            // The lease is renewed in the window's transaction: its row lock keeps another planner
            // waiting until the window is committed, so no window is ever planned twice at once.
            boolean ours = store.jdbc().inTransaction(() -> {
                Instant now = clock.instant();
                if (!store.takePlanning(edition.id(), owner, now.plus(LEASE), now)) {
                    return false;
                }
                if (store.planWindow(edition.id(), lo, hi) > 0 && advance) {
                    store.advanceWatermarks(edition, lo, hi);
                }
                return true;
            });
            if (!ours) {
                return false;
            }
        }
        return true;
    }

    private boolean cancelled(Edition edition) {
        return store.byId(edition.id()).map(e -> e.status() == Edition.Status.CANCELLED).orElse(true);
    }
}
