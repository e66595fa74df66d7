-- Admin accounts, sessions and API tokens. Used only by org.rundbrief.admin.AccountStore.
-- Every secret column holds a hash (see V22_1__admin_accounts.sql).

-- name: insert-user
INSERT INTO admin_user (email, name, role, invite_hash, invite_expires, created_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: user-by-email
SELECT id, email, name, role, password_hash, created_at FROM admin_user WHERE email = ?

-- name: user-by-id
SELECT id, email, name, role, password_hash, created_at FROM admin_user WHERE id = ?

-- name: user-by-invite
-- An invitation or reset link that has not expired yet (second parameter: now).
SELECT id, email, name, role, password_hash, created_at FROM admin_user WHERE invite_hash = ? AND invite_expires > ?

-- name: users
SELECT id, email, name, role, password_hash, created_at FROM admin_user ORDER BY email

-- name: count-users
SELECT COUNT(*) FROM admin_user

-- name: set-invite
-- A reset: the old password stops working at once; the new link sets the next one.
UPDATE admin_user SET password_hash = NULL, invite_hash = ?, invite_expires = ? WHERE id = ?

-- name: set-password
UPDATE admin_user SET password_hash = ?, invite_hash = NULL, invite_expires = NULL WHERE id = ?

-- name: delete-user
-- Sessions and API tokens go with it (ON DELETE CASCADE).
DELETE FROM admin_user WHERE id = ?

-- name: insert-session
INSERT INTO admin_session (id_hash, user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)

-- name: session
SELECT user_id, csrf, last_seen FROM admin_session WHERE id_hash = ?

-- name: touch-session
UPDATE admin_session SET last_seen = ? WHERE id_hash = ?

-- name: delete-session
DELETE FROM admin_session WHERE id_hash = ?

-- name: delete-user-sessions
DELETE FROM admin_session WHERE user_id = ?

-- name: delete-bootstrap-sessions
DELETE FROM admin_session WHERE user_id IS NULL

-- name: delete-idle-sessions
DELETE FROM admin_session WHERE last_seen < ?

-- name: insert-token
INSERT INTO admin_token (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)

-- name: token-user
SELECT t.id, t.user_id FROM admin_token t WHERE t.token_hash = ?

-- name: touch-token
UPDATE admin_token SET last_used_at = ? WHERE id = ?

-- name: tokens
SELECT id, name, created_at, last_used_at FROM admin_token WHERE user_id = ? ORDER BY id

-- name: delete-token
DELETE FROM admin_token WHERE id = ? AND user_id = ?
