package org.rundbrief.admin;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.delivery.ServerWatch;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionSender;
import org.rundbrief.edition.NothingNew;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.render.EditionMessages;
import org.rundbrief.render.Recipients;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Editions as the admin handles them: create (planned and held back, paused, until the admin
 * looks at it), preview the message its first recipient gets, send in a background thread, watch
 * live progress, pause, resume, cancel. The sending itself is {@link EditionSender}'s, batch by
 * batch from the delivery queue, so a pause or a shutdown stops between batches.
 */
public final class EditionDesk implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EditionDesk.class);

    /** Delivery counts of one edition; {@code percent} counts every row that is settled. */
    public record Progress(long queued, long sending, long sent, long failed, long cancelled) {
        public long total() {
            return queued + sending + sent + failed + cancelled;
        }

        public int percent() {
            long total = total();
            return total == 0 ? 100 : (int) ((sent + failed + cancelled) * 100 / total);
        }
    }

    /**
     * An edition with its progress, whether this process is sending it right now, its last SMTP
     * error with the time its next retry is due, and (while it is sending) the SMTP server's outage
     * this node waits out, if any.
     */
    public record View(Edition edition, Progress progress, boolean running, DeliveryStore.SmtpTrouble smtp,
                       Optional<ServerWatch.Outage> smtpOutage) {}

    private final EditionSender sender;
    private final EditionStore editions;
    private final AdminStore store;
    private final EditionMessages messages;
    private final Duration maxWait;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** Progress of finished editions, the most recent {@value #FINISHED_KEPT} looked at. */
    private final Map<String, Progress> finished = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
            return size() > FINISHED_KEPT;
        }
    });
    private static final int FINISHED_KEPT = 200;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "admin-send");
        t.setDaemon(true);
        return t;
    });

    public EditionDesk(EditionSender sender, EditionStore editions, AdminStore store, EditionMessages messages,
                       Duration maxWait) {
        this.sender = sender;
        this.editions = editions;
        this.store = store;
        this.messages = messages;
        this.maxWait = maxWait;
    }

    /**
     * Plans an edition and holds it (paused) for preview; empty when nothing is new for anybody.
     * With {@code includeRecent} (or null) a first issue ({@code EditionPlanner.start}).
     */
    public Optional<View> create(Cadence cadence, String topic, Duration includeRecent) {
        return sender.planHeld(cadence, topic, includeRecent).map(e -> view(e.id()).orElseThrow());
    }

    public String whyNothingNew(Cadence cadence, String topic) {
        return nothingNew(cadence, topic).explain(cadence);
    }

    /** Why nothing is new for the cadence's subscribers, in counts (whether a first issue would send something). */
    public NothingNew nothingNew(Cadence cadence, String topic) {
        return sender.whyNothingNew(cadence, topic);
    }

    public Optional<View> view(long id) {
        return editions.byId(id).map(e -> new View(e, progress(e), running.contains(id), sender.smtpTrouble(id),
                e.status() == Edition.Status.SENDING ? sender.serverWatch().outage() : Optional.empty()));
    }

    /** The paused editions: each holds back new editions of its cadence and topic until sent or cancelled. */
    public List<Edition> holding() {
        return editions.paused();
    }

    public List<View> recent(int offset, int limit) {
        return store.recentEditionIds(offset, limit).stream().map(this::view).flatMap(Optional::stream).toList();
    }

    /** The message the edition's first recipient gets, exactly as it will be sent; empty when none applies. */
    public Optional<OutgoingMail> preview(long id) {
        return store.firstDelivery(id).flatMap(delivery -> messages.render(id, delivery));
    }

    /**
     * Replaces the edition's own subject and introduction {@code before} (what the edit was made on)
     * with {@code texts} while it waits, paused, with nothing sent yet; IllegalStateException
     * otherwise. Empty when its texts are no longer {@code before}: nothing is stored then.
     */
    public Optional<View> setTexts(long id, Edition.Texts before, Edition.Texts texts) {
        View v = view(id).orElseThrow(() -> new UnknownEdition(id));
        if (v.edition().status() != Edition.Status.PAUSED || v.progress().sent() + v.progress().failed() > 0) {
            throw new IllegalStateException("edition " + id + " is " + v.edition().status().id()
                    + (v.progress().sent() > 0 ? " and partly sent" : "") + "; subject and introduction can be changed only before it is sent");
        }
        if (!editions.setTexts(id, before, texts)) {
            if (view(id).orElseThrow(() -> new UnknownEdition(id)).edition().status() != Edition.Status.PAUSED) {
                throw new IllegalStateException("edition " + id + " is no longer paused");
            }
            return Optional.empty();
        }
        messages.forget(id);
        return view(id);
    }

    /** The whole edition as {@code reader} (a stand-in, not a member) would get it, with {@code links} as their links. */
    public OutgoingMail sample(long id, Subscriber reader, Recipients links) {
        return messages.sample(id, reader, links);
    }

    /** The message one member gets from this edition; empty when they get none (not a recipient, or left). */
    public Optional<OutgoingMail> preview(long id, EmailAddress member) {
        return store.deliveryFor(id, member.value()).flatMap(delivery -> messages.render(id, delivery));
    }

    /**
     * Starts (or resumes) sending in the background and returns at once. Refused for editions that
     * are done or cancelled.
     */
    public View send(long id) {
        Edition e = editions.byId(id).orElseThrow(() -> new UnknownEdition(id));
        if (e.status() == Edition.Status.DONE || e.status() == Edition.Status.CANCELLED) {
            throw new IllegalStateException("edition " + id + " is " + e.status().id() + "; it cannot be sent again");
        }
        if (e.status() == Edition.Status.PLANNING) {
            throw new IllegalStateException("edition " + id + " is still being planned");
        }
        sender.resume(id);
        sender.retryNow(id);
        if (running.add(id)) {
            background.submit(() -> {
                try {
                    sender.send(id, maxWait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (org.rundbrief.delivery.DeliveryRunner.ServerUnusable ex) {
                    log.warn("sending edition {} stopped: {}; its messages wait for their retry", id, ex.getMessage());
                } catch (RuntimeException ex) {
                    log.error("sending edition {} failed", id, ex);
                } finally {
                    running.remove(id);
                }
            });
        }
        return view(id).orElseThrow();
    }

    public View pause(long id) {
        return change(id, () -> sender.pause(id));
    }

    public View cancel(long id) {
        return change(id, () -> sender.cancel(id));
    }

    private View change(long id, Runnable action) {
        Edition e = editions.byId(id).orElseThrow(() -> new UnknownEdition(id));
        if (e.status() == Edition.Status.DONE || e.status() == Edition.Status.CANCELLED) {
            throw new IllegalStateException("edition " + id + " is already " + e.status().id());
        }
        action.run();
        return view(id).orElseThrow();
    }

    /**
     * The progress of a finished edition is counted once per process: its rows no longer change
     * (one count of a million-row edition took seconds on H2, bench/README.md). A member forgotten
     * later still counts in it: the message was sent. Keyed by id and creation time, since a
     * deleted edition's number is given again.
     */
    private Progress progress(Edition e) {
        if (e.status() != Edition.Status.DONE) {
            return progress(e.id());
        }
        String key = e.id() + "@" + e.createdAt();
        Progress known = finished.get(key);
        if (known == null) {
            known = progress(e.id());
            finished.put(key, known);
        }
        return known;
    }

    public Progress progress(long id) {
        Map<DeliveryStore.State, Long> c = sender.progress(id);
        return new Progress(c.getOrDefault(DeliveryStore.State.QUEUED, 0L), c.getOrDefault(DeliveryStore.State.SENDING, 0L),
                c.getOrDefault(DeliveryStore.State.SENT, 0L), c.getOrDefault(DeliveryStore.State.FAILED, 0L),
                c.getOrDefault(DeliveryStore.State.CANCELLED, 0L));
    }

    /** Thrown for an unknown edition id. */
    public static final class UnknownEdition extends java.util.NoSuchElementException {
        public UnknownEdition(long id) {
            super("no edition " + id);
        }
    }

    /** Background sends stop between batches once the delivery runner was told to stop (App.stopWork). */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
