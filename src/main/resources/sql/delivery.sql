-- The delivery queue. Used only by org.rundbrief.delivery.DeliveryStore.
-- Rows are claimed a page at a time shortly before their messages are sent, by moving them to
-- 'sending' with a lease (next_attempt_at = now + lease); a row whose lease ran out (its sender
-- died) can be claimed again, and a sender gives back the rows it did not get to. Claims are
-- conditional updates, so two senders (processes sharing the database) never take the same row.
-- attempts counts finished tries (sent, failed, retry); a try cut off by a crash does not count.

-- name: page
-- The next rows of an edition in id order, whatever their state; the sender picks the due ones
-- (queued or retrying rows whose time has come, and expired leases). Walking the (edition_id, id)
-- index keeps every page as cheap as the first: with the state and time in the WHERE clause H2
-- chose the queue index and read every queued row for each page, and with "ORDER BY id" alone it
-- read the rest of the edition and sorted it (EXPLAIN ANALYZE at 1,000,000 rows: scanCount
-- 900,002, 3.3 s per page); ORDER BY the index's own columns reads 501 rows ("index sorted").
-- On H2 the (edition_id, id) index is needed beside the foreign key's own index on edition_id,
-- although that one keeps an edition's entries in row-key (id) order too: H2 neither seeks on
-- "id > ?" in it nor counts it as sorted by id ("index sorted: 1 of 2 columns", scanCount
-- 1,000,001, 16.5 s per page at 1,000,000 rows), and a foreign key cannot adopt (edition_id, id).
SELECT id, subscriber_id, since, attempts, status, next_attempt_at FROM delivery
WHERE edition_id = ? AND id > ? ORDER BY edition_id, id LIMIT ?

-- name: claim
UPDATE delivery SET status = 'sending', next_attempt_at = ?
WHERE id = ? AND status = ? AND next_attempt_at = ?

-- name: release
-- A claimed row its sender did not get to (stop, pause, cancel, or its lease ran short): due again now.
UPDATE delivery SET status = 'queued', next_attempt_at = ? WHERE id = ? AND status = 'sending' AND next_attempt_at = ?

-- name: mark-sent
UPDATE delivery SET status = 'sent', sent_at = ?, message_id = ?, last_error = NULL, attempts = attempts + 1
WHERE id = ? AND status <> 'sent'

-- name: mark-retry
UPDATE delivery SET status = 'queued', next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?

-- name: mark-failed
UPDATE delivery SET status = 'failed', last_error = ?, next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?

-- name: first-due
-- Where a new pass over the edition starts: the first row due now (on the queue index, cheap when few are).
SELECT MIN(id) FROM delivery WHERE edition_id = ? AND status IN ('queued', 'sending') AND next_attempt_at <= ?

-- name: next-due
-- When the next row of the edition becomes due (retry or lease), or NULL when nothing is pending.
SELECT MIN(next_attempt_at) FROM delivery WHERE edition_id = ? AND status IN ('queued', 'sending')

-- name: counts
-- Progress of an edition: rows per status.
SELECT status, COUNT(*) FROM delivery WHERE edition_id = ? GROUP BY status

-- name: cancel-pending
UPDATE delivery SET status = 'cancelled' WHERE edition_id = ? AND status = 'queued'
