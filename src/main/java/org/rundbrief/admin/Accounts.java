package org.rundbrief.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.store.Jdbc;

/**
 * The admin users: invitations (a one-time link, valid {@link #INVITATION_VALID}, where the person
 * sets their password), password login, personal API tokens, removal. {@code security.adminToken}
 * stays a bootstrap token with the admin role. Every change and every login attempt, good or bad,
 * is written to the audit log here.
 */
public final class Accounts {
    public static final Duration INVITATION_VALID = Duration.ofHours(72);
    /** The prefix of personal API tokens, so that a leaked one is recognisable in a log or a paste. */
    static final String TOKEN_PREFIX = "rb_";

    /** A link for a new user or a reset, shown once: only its hash is stored. */
    public record Invitation(AdminUser user, String link, Instant expires) {}

    /** A personal API token as listed (the token itself is shown once, at creation). */
    public record ApiToken(long id, String name, Instant createdAt, Instant lastUsedAt) {}

    private final AccountStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final String adminToken;
    private final String siteBase;

    public Accounts(Jdbc jdbc, AuditLog audit, Clock clock, String adminToken, String siteBase) {
        this.store = new AccountStore(jdbc);
        this.audit = audit;
        this.clock = clock;
        this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken;
        this.siteBase = siteBase;
    }

    AccountStore store() {
        return store;
    }

    /** Whether {@code security.adminToken} is set. */
    public boolean bootstrapEnabled() {
        return adminToken != null;
    }

    /** Nobody can log in: no user and no {@code security.adminToken}. */
    public boolean nobody() {
        return adminToken == null && store.countUsers() == 0;
    }

    public List<AdminUser> list() {
        return store.users();
    }

    public Optional<AdminUser> byId(long id) {
        return store.userById(id).map(AccountStore.UserRow::user);
    }

    /** Adds a user without a password and returns the link where they set it. */
    public Invitation invite(AuditLog.Actor who, String email, String name, Role role) {
        String address = EmailAddress.parse(email).value();
        if (store.userByEmail(address).isPresent()) {
            throw new IllegalStateException("there is already a user " + address + "; 'users reset' sends a new link");
        }
        String token = Secrets.random();
        Instant now = clock.instant();
        Instant expires = now.plus(INVITATION_VALID);
        long id = store.insertUser(address, name == null || name.isBlank() ? null : name.strip(), role,
                Secrets.hash(token), expires, now);
        audit.record(who, "user.invite", "user:" + id, address + " " + role.id());
        return new Invitation(byId(id).orElseThrow(), link(token), expires);
    }

    /** A new link; the old password stops working at once and every session of the user ends. */
    public Invitation reset(AuditLog.Actor who, String email) {
        AdminUser user = byEmail(email);
        String token = Secrets.random();
        Instant expires = clock.instant().plus(INVITATION_VALID);
        store.setInvite(user.id(), Secrets.hash(token), expires);
        store.deleteSessions(user.id());
        audit.record(who, "user.reset", "user:" + user.id(), user.email());
        return new Invitation(byId(user.id()).orElseThrow(), link(token), expires);
    }

    /** Removes the user; their sessions and API tokens end with them. */
    public AdminUser remove(AuditLog.Actor who, long id) {
        AdminUser user = byId(id).orElseThrow(() -> new NoSuchElementException("no user " + id));
        store.deleteUser(id);
        audit.record(who, "user.remove", "user:" + id, user.email());
        return user;
    }

    public AdminUser byEmail(String email) {
        String address = EmailAddress.parse(email).value();
        return store.userByEmail(address).map(AccountStore.UserRow::user)
                .orElseThrow(() -> new NoSuchElementException("no user " + address));
    }

    /** The user whose invitation or reset link this is, while it is valid. */
    public Optional<AdminUser> invited(String token) {
        return token == null ? Optional.empty()
                : store.userByInvite(Secrets.hash(token), clock.instant()).map(AccountStore.UserRow::user);
    }

    /**
     * Sets the password of an invited user; the link is used up. NoSuchElementException for an
     * unknown or expired link, IllegalArgumentException for a password that breaks the rule.
     */
    public AdminUser acceptInvitation(String token, String password, String ip) {
        AdminUser user = invited(token).orElseThrow(() -> new NoSuchElementException(
                "this link is unknown, used or expired (links are valid for " + INVITATION_VALID.toHours() + " hours)"));
        Passwords.check(password);
        store.setPassword(user.id(), Passwords.hash(password));
        audit.record(new AuditLog.Actor(Identity.of(user), "page", ip), "user.password", "user:" + user.id(), null);
        return byId(user.id()).orElseThrow();
    }

    /**
     * A login with email and password, or with an empty email and {@code security.adminToken} as
     * the password. Audited either way.
     */
    public Optional<Identity> login(String email, String password, String ip) {
        Optional<Identity> who;
        String name;
        if (email == null || email.isBlank()) {
            name = Identity.BOOTSTRAP.name();
            who = Optional.of(Identity.BOOTSTRAP).filter(b -> adminToken != null && Secrets.same(adminToken, password));
        } else {
            name = email.strip();
            Optional<AccountStore.UserRow> row = parsed(email).flatMap(store::userByEmail);
            boolean ok = Passwords.matches(password, row.map(AccountStore.UserRow::passwordHash).orElse(null));
            who = row.filter(r -> ok).map(r -> Identity.of(r.user()));
        }
        audit.record(who.map(i -> new AuditLog.Actor(i, "page", ip)).orElse(AuditLog.Actor.anonymous(name, "page", ip)),
                who.isPresent() ? "login" : "login.failed", null, null);
        return who;
    }

    /** The identity an {@code Authorization: Bearer} token stands for; a failed check is audited. */
    public Optional<Identity> bearer(String token, String ip) {
        Optional<Identity> who = Optional.empty();
        if (token != null && !token.isEmpty()) {
            if (adminToken != null && Secrets.same(adminToken, token)) {
                who = Optional.of(Identity.BOOTSTRAP);
            } else if (token.startsWith(TOKEN_PREFIX)) {
                who = store.tokenUser(Secrets.hash(token)).flatMap(t -> {
                    store.touchToken(t[0], clock.instant());
                    return byId(t[1]).map(Identity::of);
                });
            }
        }
        if (who.isEmpty()) {
            audit.record(AuditLog.Actor.anonymous("api-token", "api", ip), "token.failed", null, null);
        }
        return who;
    }

    /** A new personal API token with the user's role; returned once, stored as a hash. */
    public String createToken(AuditLog.Actor who, long userId, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name the token (1 to 100 characters), e.g. after the script that uses it");
        }
        AdminUser user = byId(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
        String token = TOKEN_PREFIX + Secrets.random();
        long id = store.insertToken(user.id(), name.strip(), Secrets.hash(token), clock.instant());
        audit.record(who, "token.create", "token:" + id, user.email() + " " + name.strip());
        return token;
    }

    public List<ApiToken> tokens(long userId) {
        return store.tokens(userId).stream().map(t -> new ApiToken(t.id(), t.name(), t.createdAt(), t.lastUsedAt())).toList();
    }

    public void revokeToken(AuditLog.Actor who, long userId, long tokenId) {
        if (!store.deleteToken(tokenId, userId)) {
            throw new NoSuchElementException("no token " + tokenId);
        }
        audit.record(who, "token.revoke", "token:" + tokenId, null);
    }

    private static Optional<String> parsed(String email) {
        try {
            return Optional.of(EmailAddress.parse(email).value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String link(String token) {
        return siteBase + "/admin/invite/" + token;
    }
}
