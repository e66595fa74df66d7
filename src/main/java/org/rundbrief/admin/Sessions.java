package org.rundbrief.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions of the admin pages, in the database: a restart keeps them and every node of a
 * cluster knows them. Only the SHA-256 hash of the cookie value is stored. A session ends after
 * {@link #IDLE} without a request, at logout, when its user is removed or reset, and everywhere
 * at once on "log out everywhere".
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofHours(8);
    /** last_seen is written at most this often, so that browsing a page is not a write each time. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A new session: the cookie value (only here in clear) and its CSRF token. */
    public record Opened(String cookie, String csrf) {}

    /** A live session: who it belongs to and the CSRF token its forms carry. */
    public record Live(Identity identity, String csrf) {}

    private final AccountStore store;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    public Sessions(Accounts accounts, AuditLog audit, Clock clock) {
        this.store = accounts.store();
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** A fresh session id (a login never keeps an id it had before, against session fixation). */
    public Opened open(Identity who) {
        Instant now = clock.instant();
        store.deleteIdleSessions(now.minus(IDLE));
        Opened opened = new Opened(Secrets.random(), Secrets.random());
        store.insertSession(Secrets.hash(opened.cookie()), who.userId(), opened.csrf(), now);
        return opened;
    }

    /** The live session of a cookie value, its idle time restarted; empty when ended or expired. */
    public Optional<Live> find(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        String hash = Secrets.hash(cookie);
        Optional<AccountStore.SessionRow> row = store.session(hash);
        Instant now = clock.instant();
        if (row.isEmpty() || !row.get().lastSeen().plus(IDLE).isAfter(now)) {
            row.ifPresent(r -> store.deleteSession(hash));
            return Optional.empty();
        }
        Optional<Identity> who = row.get().userId() == null
                ? Optional.of(Identity.BOOTSTRAP).filter(b -> accounts.bootstrapEnabled())
                : accounts.byId(row.get().userId()).filter(AdminUser::active).map(Identity::of);
        if (who.isEmpty()) {
            store.deleteSession(hash);
            return Optional.empty();
        }
        if (row.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            store.touchSession(hash, now);
        }
        return Optional.of(new Live(who.get(), row.get().csrf()));
    }

    public void end(AuditLog.Actor who, String cookie) {
        store.deleteSession(Secrets.hash(cookie));
        audit.record(who, "logout", null, null);
    }

    /** Ends every session of the actor's own identity, on every device. */
    public void endEverywhere(AuditLog.Actor who) {
        store.deleteSessions(who.identity().userId());
        audit.record(who, "logout.everywhere", null, null);
    }
}
