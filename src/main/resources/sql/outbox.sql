-- The outbox of transactional mail (V20_2). Used only by org.rundbrief.delivery.Outbox.
-- A row is 'queued' until it is 'sent' or 'failed' for good; a sender claims due rows by
-- setting lease_owner/lease_until under the 'outbox-leases' lock, and clears the lease when it
-- records the outcome. attempts counts finished tries; a try the server could not even take
-- (unreachable, login refused) does not count.

-- name: enqueue
INSERT INTO outbox (kind, subscriber_id, to_member, recipient, envelope_from, message, message_id, status,
                    attempts, next_try, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)

-- name: due
-- Rows due now that nobody holds, oldest due first (the outbox_due index).
SELECT id FROM outbox WHERE status = 'queued' AND next_try <= ? AND (lease_until IS NULL OR lease_until <= ?)
ORDER BY next_try, id LIMIT ?

-- name: claim
UPDATE outbox SET lease_owner = ?, lease_until = ?
WHERE id = ? AND status = 'queued' AND (lease_until IS NULL OR lease_until <= ?)

-- name: claimed
-- A claimed row with what sending it needs.
SELECT id, kind, subscriber_id, to_member, recipient, envelope_from, message, attempts FROM outbox
WHERE id = ? AND lease_owner = ?

-- name: mark-sent
UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL,
                  lease_owner = NULL, lease_until = NULL
WHERE id = ? AND lease_owner = ?

-- name: mark-retry
-- counted: 1 for a try the server answered, 0 for one it could not take at all.
UPDATE outbox SET next_try = ?, last_error = ?, last_error_at = ?, attempts = attempts + ?,
                  lease_owner = NULL, lease_until = NULL
WHERE id = ? AND lease_owner = ?

-- name: mark-failed
UPDATE outbox SET status = 'failed', last_error = ?, last_error_at = ?, attempts = attempts + 1,
                  lease_owner = NULL, lease_until = NULL
WHERE id = ? AND lease_owner = ?

-- name: release
-- A sender that stops gives back the rows it claimed and did not try: due again at once.
UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'queued'

-- name: waiting
-- How many wait to be sent, and since when the oldest waits.
SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'queued'

-- name: latest-error
-- The latest error of a row still waiting, and when that row is due again.
SELECT last_error, last_error_at, next_try FROM outbox
WHERE status = 'queued' AND last_error_at IS NOT NULL ORDER BY last_error_at DESC LIMIT 1

-- name: failed-since
SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND last_error_at >= ?

-- name: waiting-by-kind
-- Per kind of mail: how many wait, since when the oldest waits, when the next is due, and the
-- time of the latest error of a waiting one.
SELECT kind, COUNT(*), MIN(created_at), MIN(next_try), MAX(last_error_at) FROM outbox WHERE status = 'queued'
GROUP BY kind ORDER BY kind

-- name: latest-error-of-kind
SELECT last_error FROM outbox WHERE status = 'queued' AND kind = ? AND last_error_at IS NOT NULL
ORDER BY last_error_at DESC, id DESC LIMIT 1

-- name: unsent
-- Rows not sent (waiting or failed for good) older than the id given, newest first: one page
-- of the admin's list (keyset).
SELECT id, kind, subscriber_id, recipient, status, attempts, next_try, last_error, last_error_at, created_at
FROM outbox WHERE status IN ('queued', 'failed') AND id < ? ORDER BY id DESC LIMIT ?

-- name: retry-now
-- An operator's "retry now": what waits for a later try is due at once.
UPDATE outbox SET next_try = ? WHERE status = 'queued' AND next_try > ?

-- name: purge
-- Housekeeping: sent and failed rows older than the cut-off go (they hold personal data).
DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at < ?
