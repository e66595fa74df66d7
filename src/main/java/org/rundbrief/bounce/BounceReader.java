package org.rundbrief.bounce;

import jakarta.mail.Message;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.rundbrief.config.Config;
import org.rundbrief.subscriber.SubscriberService;
import org.rundbrief.subscriber.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox once ({@link #poll}): every message is parsed ({@link ReportParser}),
 * attributed and acted on ({@link BounceHandler}); what was understood is moved away, the rest
 * left alone ({@link BounceMailbox}). {@code rundbrief bounces poll} runs it once, {@code serve}
 * every {@code bounce.pollSeconds}; the last failure is kept for {@code /health} and the admin.
 */
public final class BounceReader {
    private static final Logger log = LoggerFactory.getLogger(BounceReader.class);
    private final Config.Bounce config;
    private final ReportParser parser = new ReportParser();
    private final BounceHandler handler;
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final SSLSocketFactory tls;

    public BounceReader(Config.Bounce config, Verp verp, BounceStore store, SubscriberStore subscribers,
                        SubscriberService service, Clock clock) {
        this(config, verp, store, subscribers, service, clock, null);
    }

    /** With the TLS sockets of imaps and pop3s (tests trust their server's own certificate); null: the JVM's. */
    BounceReader(Config.Bounce config, Verp verp, BounceStore store, SubscriberStore subscribers,
                 SubscriberService service, Clock clock, SSLSocketFactory tls) {
        this.config = config;
        this.tls = tls;
        this.handler = new BounceHandler(verp, config.verp() ? config.address() : null, store, subscribers, service, clock,
                config.softLimit(), config.softDays());
    }

    /**
     * What one poll read: "read N: hard H, soft S, complaints C, auto-replies A, unrelated U";
     * {@code stopped}: a stop ended it before the last message.
     */
    public record Summary(int read, int hard, int soft, int complaints, int autoReplies, int unrelated, boolean stopped) {
        @Override
        public String toString() {
            return "read " + read + ": hard " + hard + ", soft " + soft + ", complaints " + complaints + ", auto-replies "
                    + autoReplies + ", unrelated " + unrelated;
        }
    }

    private volatile boolean stopping;

    /** Whether bounce.mailbox is set. */
    public boolean configured() {
        return config.mailbox().configured();
    }

    /** Reads the mailbox once; throws {@link MailboxException} (also kept for {@link #lastError}). */
    public Summary poll() {
        int[] counts = new int[BounceReport.Type.values().length];
        boolean stopped;
        try {
            stopped = new BounceMailbox(config.mailbox(), tls).readAll(m -> {
                BounceReport.Type type = handler.handle(parse(m), () -> BounceMailbox.raw(m, BounceStore.MAX_RAW));
                counts[type.ordinal()]++;
                return type != BounceReport.Type.UNRELATED;
            }, () -> stopping);
        } catch (MailboxException e) {
            lastError.set(e.getMessage());
            throw e;
        }
        lastError.set(null);
        int read = java.util.Arrays.stream(counts).sum();
        return new Summary(read, counts[BounceReport.Type.HARD.ordinal()], counts[BounceReport.Type.SOFT.ordinal()],
                counts[BounceReport.Type.COMPLAINT.ordinal()], counts[BounceReport.Type.AUTO_REPLY.ordinal()],
                counts[BounceReport.Type.UNRELATED.ordinal()], stopped);
    }

    /**
     * Ends a running (and every later) {@link #poll} before its next message: a stop (Ctrl-C,
     * SIGTERM) waits for the message in hand, not for a mailbox of thousands.
     */
    public void stop() {
        stopping = true;
    }

    /** A message that cannot be parsed at all is unrelated: it stays where it is. */
    private BounceReport parse(Message m) {
        try {
            return parser.parse(m);
        } catch (Exception e) {
            log.debug("bounce mailbox: message not understood: {}", e.getMessage());
            return BounceReport.unrelated();
        }
    }

    /** The last poll's failure, empty when it worked (or none ran yet). */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }
}
