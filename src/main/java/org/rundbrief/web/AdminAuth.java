package org.rundbrief.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rundbrief.subscriber.RateLimiter;

/**
 * Who may use the admin API and pages. The API takes {@code Authorization: Bearer <security.adminToken>};
 * the pages log in with the same secret (there is no separate password key yet) and then carry a
 * session cookie plus a per-session CSRF token in every form. Secrets are compared in constant time
 * ({@link MessageDigest#isEqual} over SHA-256 digests, so not even the length leaks). Login
 * attempts are rate-limited per client address. Sessions live in memory: a restart logs admins out.
 */
public final class AdminAuth {
    /** Login attempts per client address and minute. */
    public static final int LOGINS_PER_MINUTE = 10;
    static final Duration SESSION_IDLE = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 1_000;
    private static final int MAX_LOGIN_KEYS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A browser session; {@code loggedIn} is false for the anonymous session that carries the login form's CSRF token. */
    public record Session(String id, String csrf, boolean loggedIn, Instant expires) {}

    private final byte[] secretDigest;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final RateLimiter logins;

    public AdminAuth(String adminToken, Clock clock, int loginsPerMinute) {
        this.secretDigest = adminToken == null || adminToken.isEmpty() ? null : sha256(adminToken);
        this.clock = clock;
        this.logins = new RateLimiter(clock, loginsPerMinute, Duration.ofMinutes(1).dividedBy(loginsPerMinute), MAX_LOGIN_KEYS);
    }

    /** False when {@code security.adminToken} is empty: the API and pages then refuse everyone. */
    public boolean enabled() {
        return secretDigest != null;
    }

    /** Whether an {@code Authorization} header value carries the admin token. */
    public boolean bearerValid(String authorization) {
        if (!enabled() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return secretMatches(authorization.substring(7).trim());
    }

    public boolean secretMatches(String candidate) {
        return enabled() && candidate != null && MessageDigest.isEqual(secretDigest, sha256(candidate));
    }

    /** One login attempt from {@code client} may proceed (false: too many, try later). */
    public boolean tryLoginAttempt(String client) {
        return logins.tryAcquire(ClientAddress.limitKey(client));
    }

    /** The live session of that cookie value, its idle timeout extended. */
    public Optional<Session> session(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || s.expires().isBefore(now)) {
            if (s != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        Session renewed = new Session(s.id(), s.csrf(), s.loggedIn(), now.plus(SESSION_IDLE));
        sessions.put(id, renewed);
        return Optional.of(renewed);
    }

    /** A fresh session (new id: a login never keeps the id it had before, against session fixation). */
    public Session newSession(boolean loggedIn) {
        if (sessions.size() >= MAX_SESSIONS) {
            Instant now = clock.instant();
            sessions.values().removeIf(s -> s.expires().isBefore(now) || !s.loggedIn());
        }
        Session s = new Session(random(), random(), loggedIn, clock.instant().plus(SESSION_IDLE));
        sessions.put(s.id(), s);
        return s;
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Constant-time check of a submitted CSRF token against the session's. */
    public static boolean csrfValid(Session s, String submitted) {
        return submitted != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
