package org.rundbrief.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.rundbrief.admin.Accounts;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.Identity;
import org.rundbrief.admin.Role;
import org.rundbrief.admin.Secrets;
import org.rundbrief.admin.Sessions;
import org.rundbrief.subscriber.RateLimiter;

/**
 * The one gate of the admin API and the admin pages: who is asking (a bearer token, or a session
 * cookie), whether their role allows the route, and for a form post whether it carries the
 * session's CSRF token. It decides; {@link AdminApi} answers a refusal in JSON, {@link AdminPages}
 * in HTML. Failed login and bearer-token attempts are limited per client address (RateLimiter:
 * {@link #ATTEMPTS_PER_MINUTE}, then 429 without a check); every failed attempt is audited by
 * {@link Accounts}.
 */
public final class AdminGate {
    /** Failed login and API-token attempts per client address and minute. */
    public static final int ATTEMPTS_PER_MINUTE = 10;
    static final String SESSION_COOKIE = "rundbrief_admin";
    /** Carries the login and invitation forms' CSRF token before anyone is logged in (double submit). */
    static final String FORM_COOKIE = "rundbrief_form";
    private static final int MAX_KEYS = 10_000;

    /**
     * The decision: {@code actor} when allowed; otherwise the status (302: go to the login page),
     * an English message for the API and a message key for the pages.
     */
    record Access(AuditLog.Actor actor, Sessions.Live session, int status, String message, String key) {
        boolean allowed() {
            return actor != null;
        }

        static Access refused(int status, String message, String key) {
            return new Access(null, null, status, message, key);
        }
    }

    private final Accounts accounts;
    private final Sessions sessions;
    private final ClientAddress clients;
    private final RateLimiter failures;

    public AdminGate(Accounts accounts, Sessions sessions, ClientAddress clients, Clock clock, int attemptsPerMinute) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.clients = clients;
        this.failures = new RateLimiter(clock, attemptsPerMinute, Duration.ofMinutes(1).dividedBy(attemptsPerMinute), MAX_KEYS);
    }

    Accounts accounts() {
        return accounts;
    }

    Sessions sessions() {
        return sessions;
    }

    String client(Context ctx) {
        return clients.of(ctx);
    }

    /** {@code Authorization: Bearer <security.adminToken or a personal API token>}. */
    Access api(Context ctx, Role needed) {
        String header = ctx.header("Authorization");
        if (accounts.nobody()) {
            return Access.refused(401, "the admin API is disabled: create a user ('rundbrief users add') or set security.adminToken", null);
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Access.refused(401, "missing Authorization: Bearer <API token>", null);
        }
        String ip = clients.of(ctx);
        if (blocked(ip)) {
            return Access.refused(429, "too many failed token attempts from " + ip + "; wait a minute", null);
        }
        Optional<Identity> who = accounts.bearer(header.substring(7).trim(), ip);
        if (who.isEmpty()) {
            failed(ip);
            return Access.refused(401, "invalid or revoked API token", null);
        }
        return allow(new AuditLog.Actor(who.get(), "api", ip), null, needed);
    }

    /** A page ({@code form} false) or a form post: a live session whose role covers {@code needed}. */
    Access page(Context ctx, Role needed, boolean form) {
        Optional<Sessions.Live> s = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (form && (s.isEmpty() || !Secrets.same(s.get().csrf(), ctx.formParam("csrf")))) {
            return Access.refused(403, "missing or wrong CSRF token", "admin.csrf");
        }
        if (s.isEmpty()) {
            return Access.refused(302, "log in first", null);
        }
        return allow(new AuditLog.Actor(s.get().identity(), "page", clients.of(ctx)), s.get(), needed);
    }

    private static Access allow(AuditLog.Actor actor, Sessions.Live session, Role needed) {
        if (!actor.identity().role().covers(needed)) {
            return Access.refused(403, actor.name() + " is " + actor.identity().role().id() + "; this needs the "
                    + needed.id() + " role", "admin.forbidden");
        }
        return new Access(actor, session, 200, null, null);
    }

    /** Too many failed login or token attempts from {@code client} in the last minute: refuse without checking. */
    boolean blocked(String client) {
        return failures.exhausted(ClientAddress.limitKey(client));
    }

    /** Counts a failed attempt; working tokens and logins are not limited. */
    void failed(String client) {
        failures.tryAcquire(ClientAddress.limitKey(client));
    }

    /** The CSRF token of the forms shown before login (login, invitation), set as a cookie if new. */
    String formToken(Context ctx) {
        String token = ctx.cookie(FORM_COOKIE);
        if (token == null || token.length() != 43) {
            token = Secrets.random();
            ctx.res().addHeader("Set-Cookie", cookie(ctx, FORM_COOKIE, token, -1));
        }
        return token;
    }

    boolean formTokenValid(Context ctx) {
        String cookie = ctx.cookie(FORM_COOKIE);
        return cookie != null && Secrets.same(cookie, ctx.formParam("csrf"));
    }

    static String sessionCookie(Context ctx, String value, int maxAgeSeconds) {
        return cookie(ctx, SESSION_COOKIE, value, maxAgeSeconds);
    }

    /** HttpOnly, SameSite=Strict, only under /admin; Secure when the request came in over HTTPS. */
    private static String cookie(Context ctx, String name, String value, int maxAgeSeconds) {
        boolean https = "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return name + "=" + value + "; Path=/admin" + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }
}
