package org.rundbrief.admin;

import java.util.List;
import java.util.Optional;
import org.rundbrief.delivery.Outbox;
import org.rundbrief.delivery.ServerWatch;

/**
 * The outbox of transactional mail as the admin pages show it: what waits per kind of mail, the
 * mails not sent page by page, the SMTP server's outage this node waits out, and "retry now"
 * (audited), which makes due at once what waits for a later try, as "send now" does for an
 * edition's retries.
 */
public final class OutboxDesk {
    private final Outbox outbox;
    private final ServerWatch watch;
    private final AuditLog audit;

    public OutboxDesk(Outbox outbox, ServerWatch watch, AuditLog audit) {
        this.outbox = outbox;
        this.watch = watch;
        this.audit = audit;
    }

    public Outbox.State state() {
        return outbox.state();
    }

    public List<Outbox.Kind> waitingByKind() {
        return outbox.waitingByKind();
    }

    /** Up to {@code limit} mails not sent with an id below {@code beforeId}, newest first. */
    public List<Outbox.Unsent> unsent(long beforeId, int limit) {
        return outbox.unsent(beforeId, limit);
    }

    /** The outage of the SMTP server this node waits out, if any. */
    public Optional<ServerWatch.Outage> outage() {
        return watch.outage();
    }

    /**
     * Every waiting mail is due at once and the SMTP server is tried again at its next chance (the
     * outbox's sender polls every second); how many mails were made due.
     */
    public int retryNow(AuditLog.Actor who) {
        watch.probeNow();
        int due = outbox.retryNow();
        audit.record(who, "outbox.retry", "outbox", due + " due now");
        return due;
    }
}
