package org.rundbrief.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the SMTP server can be used, as this process's senders (digests and outbox) met it.
 * After a failure that left no session at all (unreachable, greeting, TLS or login refused) the
 * server counts as down since then, and is tried again only when the next probe is due: after
 * {@link #FIRST}, then twice as long each time up to {@link #MAX}. The first message that goes out
 * ends the outage. Messages the outage meets lose no try for it, so an outage of any length fails
 * no mail for good; it is shown in {@code /health} and the admin API instead.
 */
public final class ServerWatch {
    /** The first wait before the server is probed again after it could not be used. */
    static final Duration FIRST = Duration.ofSeconds(5);
    /** The longest wait between two probes of a server that could not be used. */
    public static final Duration MAX = Duration.ofMinutes(5);

    private final Clock clock;
    private volatile Outage outage;

    public ServerWatch(Clock clock) {
        this.clock = clock;
    }

    /** The server could not be used since {@code since}: the last error, how many probes in a row failed, and when the next is due. */
    public record Outage(Instant since, String error, int probes, Instant nextProbe) {}

    /** The outage under way, if any. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** Whether a sender may try the server now: it is not known to be down, or its next probe is due. */
    public boolean mayTry() {
        Outage o = outage;
        return o == null || !clock.instant().isBefore(o.nextProbe());
    }

    /** When the next probe is due (now when the server is not known to be down). */
    Instant nextProbe() {
        Outage o = outage;
        return o == null ? clock.instant() : o.nextProbe();
    }

    /** The server could not be used (again): the outage starts or goes on; when the next probe is due. */
    public synchronized Instant down(String error) {
        Instant now = clock.instant();
        Outage before = outage;
        if (before != null && now.isBefore(before.nextProbe())) {
            return before.nextProbe(); // another sender of the same probe: one failed probe, not two
        }
        int probes = before == null ? 1 : before.probes() + 1;
        Duration wait = FIRST.multipliedBy(1L << Math.min(16, probes - 1));
        Instant next = now.plus(wait.compareTo(MAX) > 0 ? MAX : wait);
        outage = new Outage(before == null ? now : before.since(), error, probes, next);
        return next;
    }

    /** An operator's "send now": the next probe is due at once (the outage itself goes on until a message goes out). */
    public synchronized void probeNow() {
        Outage o = outage;
        if (o != null) {
            outage = new Outage(o.since(), o.error(), o.probes(), clock.instant());
        }
    }

    /** A message went out (or the server answered a probe): the outage is over. */
    public void up() {
        if (outage != null) {
            outage = null;
        }
    }
}
