package org.rundbrief.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;

/** Admin users, sessions and API tokens (src/main/resources/sql/account.sql). Secrets arrive hashed. */
final class AccountStore {
    private static final Queries SQL = Queries.load("/sql/account.sql");
    private final Jdbc jdbc;

    AccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A user row with its password hash (null until set), for the login check. */
    record UserRow(AdminUser user, String passwordHash) {}

    /** A session row: {@code userId} null for a session opened with security.adminToken. */
    record SessionRow(Long userId, String csrf, Instant lastSeen) {}

    record TokenRow(long id, String name, Instant createdAt, Instant lastUsedAt) {}

    long insertUser(String email, String name, Role role, String inviteHash, Instant inviteExpires, Instant now) {
        return jdbc.insert(SQL.get("insert-user"), email, name, role.id(), inviteHash, inviteExpires, now);
    }

    Optional<UserRow> userByEmail(String email) {
        return jdbc.one(SQL.get("user-by-email"), AccountStore::user, email);
    }

    Optional<UserRow> userById(long id) {
        return jdbc.one(SQL.get("user-by-id"), AccountStore::user, id);
    }

    Optional<UserRow> userByInvite(String inviteHash, Instant now) {
        return jdbc.one(SQL.get("user-by-invite"), AccountStore::user, inviteHash, now);
    }

    List<AdminUser> users() {
        return jdbc.list(SQL.get("users"), rs -> user(rs).user());
    }

    long countUsers() {
        return jdbc.count(SQL.get("count-users"));
    }

    void setInvite(long userId, String inviteHash, Instant expires) {
        jdbc.update(SQL.get("set-invite"), inviteHash, expires, userId);
    }

    void setPassword(long userId, String passwordHash) {
        jdbc.update(SQL.get("set-password"), passwordHash, userId);
    }

    boolean deleteUser(long userId) {
        return jdbc.update(SQL.get("delete-user"), userId) > 0;
    }

    void insertSession(String idHash, Long userId, String csrf, Instant now) {
        jdbc.update(SQL.get("insert-session"), idHash, userId, csrf, now, now);
    }

    Optional<SessionRow> session(String idHash) {
        return jdbc.one(SQL.get("session"), rs -> new SessionRow((Long) rs.getObject("user_id", Long.class),
                rs.getString("csrf"), Jdbc.instant(rs, "last_seen")), idHash);
    }

    void touchSession(String idHash, Instant now) {
        jdbc.update(SQL.get("touch-session"), now, idHash);
    }

    void deleteSession(String idHash) {
        jdbc.update(SQL.get("delete-session"), idHash);
    }

    /** Ends every session of a user, or (null) every session opened with security.adminToken. */
    void deleteSessions(Long userId) {
        if (userId == null) {
            jdbc.update(SQL.get("delete-bootstrap-sessions"));
        } else {
            jdbc.update(SQL.get("delete-user-sessions"), userId);
        }
    }

    void deleteIdleSessions(Instant seenBefore) {
        jdbc.update(SQL.get("delete-idle-sessions"), seenBefore);
    }

    long insertToken(long userId, String name, String tokenHash, Instant now) {
        return jdbc.insert(SQL.get("insert-token"), userId, name, tokenHash, now);
    }

    /** The token id and its user id. */
    Optional<long[]> tokenUser(String tokenHash) {
        return jdbc.one(SQL.get("token-user"), rs -> new long[] {rs.getLong(1), rs.getLong(2)}, tokenHash);
    }

    void touchToken(long tokenId, Instant now) {
        jdbc.update(SQL.get("touch-token"), now, tokenId);
    }

    List<TokenRow> tokens(long userId) {
        return jdbc.list(SQL.get("tokens"), rs -> new TokenRow(rs.getLong("id"), rs.getString("name"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_used_at")), userId);
    }

    boolean deleteToken(long tokenId, long userId) {
        return jdbc.update(SQL.get("delete-token"), tokenId, userId) > 0;
    }

    private static UserRow user(ResultSet rs) throws SQLException {
        String hash = rs.getString("password_hash");
        return new UserRow(new AdminUser(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                Role.parse(rs.getString("role")), hash != null, Jdbc.instant(rs, "created_at")), hash);
    }
}
