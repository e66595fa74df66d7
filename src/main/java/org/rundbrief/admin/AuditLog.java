package org.rundbrief.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who did what, when: one row per admin action, written by the action itself (so the API, the
 * pages and the command line cannot forget it) before the answer goes out.
 */
public final class AuditLog {
    /** Who acted, through which channel ({@code api}, {@code page} or {@code cli}), from which address. */
    public record Actor(Identity identity, String channel, String ip) {
        public static final Actor CLI = new Actor(Identity.CLI, "cli", null);

        /** Someone not (yet) known: a login attempt naming {@code name}. */
        public static Actor anonymous(String name, String channel, String ip) {
            return new Actor(new Identity(null, name, null), channel, ip);
        }

        public String name() {
            return identity.name();
        }

        public void require(Role needed) {
            identity.require(needed);
        }
    }

    public record Entry(Instant at, String actor, String channel, String ip, String action, String target,
                        String detail) {}

    private final AdminStore store;
    private final Clock clock;

    public AuditLog(AdminStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code action} like {@code edition.send}; {@code target} like {@code edition:12} (may be null). */
    public void record(Actor actor, String action, String target, String detail) {
        store.insertAudit(new Entry(clock.instant(), clip(actor.name(), 100), actor.channel(), actor.ip(), action, target,
                detail == null ? null : clip(detail, 1000)));
    }

    public List<Entry> recent(int limit) {
        return store.recentAudit(limit);
    }

    /** The newest entry about {@code target} (e.g. {@code article:12}): who changed it last, and when. */
    public Optional<Entry> latestOf(String target) {
        return store.latestAuditOf(target);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
