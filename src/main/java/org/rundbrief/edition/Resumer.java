package org.rundbrief.edition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rundbrief.delivery.DeliveryRunner;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.store.RepeatedLook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s own look at the queue, on every node: at start and then every {@link #EVERY} it
 * completes the planning of each edition whose planner died (its planning lease ran out), and
 * sends each planned edition in state sending that has rows due now and that this process is not
 * sending already: an edition a crash or a stop left behind, retries that fell due, the rows of a
 * node that died once their leases ended. Nothing waits for the next cron fire. Several nodes that
 * resume the same edition share its sending: the leases split its rows between them. An edition
 * that starts sending on another node is joined at once: the list of editions in state sending (a
 * few rows) is read every {@link #QUICK}, and an edition this node has not looked at yet is looked
 * at then, not at the next full look (with two nodes, the second one joined a 25 s edition 15–20 s
 * late and the pair was slower than one node). One edition
 * at a time, so a node never opens more than {@code smtp.connections} connections for it. While
 * the SMTP server is down ({@link org.rundbrief.delivery.ServerWatch}) it sends nothing until the
 * next probe is due: a long outage holds the editions, it does not use up their tries.
 */
public final class Resumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Resumer.class);
    /** How often the queue is looked at: a node notices due rows and ended leases within this. */
    public static final Duration EVERY = Duration.ofSeconds(15);
    /** How often the editions in state sending are listed, to join a new one at once. */
    static final Duration QUICK = Duration.ofSeconds(1);
    /** Matches no lease owner: every live lease counts as another sender's. */
    private static final String NOBODY = "";

    private final EditionStore editions;
    private final EditionSender sender;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final Duration every;
    private final RepeatedLook looks;
    /** When this node last looked at each sending edition's rows, or sent it: looked at again after {@code every}. */
    private final Map<Long, Instant> lookedAt = new ConcurrentHashMap<>();
    private volatile Instant fullLookAt = Instant.MIN;

    /** @param every how often editions are looked at again (their due rows, stranded planning) */
    public Resumer(EditionStore editions, EditionSender sender, DeliveryStore deliveries, Clock clock, Duration every) {
        this.editions = editions;
        this.sender = sender;
        this.deliveries = deliveries;
        this.clock = clock;
        this.every = every;
        // A send under way ends between two messages once the delivery runner stops: waited for.
        Duration period = every.compareTo(QUICK) < 0 ? every : QUICK;
        this.looks = new RepeatedLook("resumer", "resuming editions", period, this::look, log, Duration.ofSeconds(60));
    }

    public void start() {
        looks.start();
    }

    /**
     * Completes the planning of editions whose planner is gone, then sends what is due now,
     * edition by edition; a later look takes what falls due later. Between two full looks only
     * editions new to this node are looked at.
     */
    void look() {
        if (!sender.serverWatch().mayTry()) {
            return; // the SMTP server is down: everything waits for its next probe, no try is lost
        }
        // One time for the whole look: stamped with a time read after its check, an edition whose
        // rows fell due meanwhile waited a whole `every` more (for ever on a test's stepped clock).
        Instant now = clock.instant();
        try {
            if (due(fullLookAt, now)) {
                fullLookAt = now;
                for (Edition e : editions.stranded(now)) {
                    if (!sender.sendingHere(e.id())) {
                        log.info("resuming edition {} ({}): its planning stopped part way", e.id(), e.cadence().id());
                        sender.send(e.id(), Duration.ZERO);
                    }
                }
            }
            List<Edition> sending = editions.sending();
            lookedAt.keySet().retainAll(sending.stream().map(Edition::id).toList());
            for (Edition e : sending) {
                if (sender.sendingHere(e.id()) || !due(lookedAt.getOrDefault(e.id(), Instant.MIN), now)) {
                    continue;
                }
                if (deliveries.firstDue(e.id(), NOBODY).isPresent()) {
                    log.info("resuming edition {} ({}): rows are due", e.id(), e.cadence().id());
                    sender.send(e.id(), Duration.ZERO);
                }
                lookedAt.put(e.id(), now);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (DeliveryRunner.ServerUnusable ex) {
            sender.serverWatch().outage().ifPresentOrElse(
                    o -> log.warn("waiting for the SMTP server since {}: {}; next try at {}", o.since(), o.error(), o.nextProbe()),
                    () -> log.warn("resuming: {}; the messages wait for the next look", ex.getMessage()));
        }
    }

    private boolean due(Instant lastLook, Instant now) {
        return !now.isBefore(lastLook.plus(every));
    }

    /** Stops looking and waits for a send in progress, which the delivery runner's stop ends between messages. */
    @Override
    public void close() {
        looks.close();
    }
}
