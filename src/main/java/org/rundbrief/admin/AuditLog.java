package org.rundbrief.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Who did what, when: one row per admin action, written before the answer goes out. */
public final class AuditLog {
    /** Who acted and through which channel ({@code api} or {@code page}), from which address. */
    public record Actor(String name, String channel, String ip) {}

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
        store.insertAudit(new Entry(clock.instant(), actor.name(), actor.channel(), actor.ip(), action, target,
                detail == null ? null : clip(detail)));
    }

    public List<Entry> recent(int limit) {
        return store.recentAudit(limit);
    }

    private static String clip(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
