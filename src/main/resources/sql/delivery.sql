-- The delivery queue. Used only by org.rundbrief.delivery.DeliveryStore.
-- A sender claims rows by leasing their block in delivery_lease (block = id / the block size
-- parameter) until a lease end, shortly before it sends them; the rows themselves stay 'queued'
-- until they are marked. A row in a live lease of another sender is that sender's ("sending" in
-- the counts); a block whose lease ran out (its sender died) can be taken over. Leases are taken
-- under the 'delivery-leases' lock, so two senders (processes sharing the database) never hold
-- the same block.
-- attempts counts finished tries (sent, failed, retry); a try cut off by a crash does not count.

-- name: page
-- The next rows of an edition in id order, whatever their state; the sender picks the due ones
-- (queued rows whose time has come). Walking the (edition_id, id)
-- index keeps every page as cheap as the first: with the state and time in the WHERE clause H2
-- chose the queue index it had then (V5_4 dropped it) and read every queued row for each page, and with "ORDER BY id" alone it
-- read the rest of the edition and sorted it (EXPLAIN ANALYZE at 1,000,000 rows: scanCount
-- 900,002, 3.3 s per page); ORDER BY the index's own columns reads 501 rows ("index sorted").
-- On H2 the (edition_id, id) index is needed beside the foreign key's own index on edition_id,
-- although that one keeps an edition's entries in row-key (id) order too: H2 neither seeks on
-- "id > ?" in it nor counts it as sorted by id ("index sorted: 1 of 2 columns", scanCount
-- 1,000,001, 16.5 s per page at 1,000,000 rows), and a foreign key cannot adopt (edition_id, id).
SELECT id, subscriber_id, since, attempts, status, next_attempt_at FROM delivery
WHERE edition_id = ? AND id > ? ORDER BY edition_id, id LIMIT ?

-- name: rows-between
-- An edition's rows in an id range (a page), read again once its blocks are leased.
SELECT id, subscriber_id, since, attempts, status, next_attempt_at FROM delivery
WHERE edition_id = ? AND id BETWEEN ? AND ? ORDER BY edition_id, id

-- name: lease-block
-- A block nobody has leased yet (under the 'delivery-leases' lock: no two senders insert at once).
INSERT INTO delivery_lease (edition_id, block, owner, lease_until)
SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM delivery_lease WHERE edition_id = ? AND block = ?)

-- name: renew-block
-- A block that is ours already (e.g. a page's first block, when the page before ended inside it).
UPDATE delivery_lease SET lease_until = ? WHERE edition_id = ? AND block = ? AND owner = ?

-- name: take-over-block
-- A block whose lease ran out: its sender stopped or died.
UPDATE delivery_lease SET owner = ?, lease_until = ? WHERE edition_id = ? AND block = ? AND lease_until <= ?

-- name: drop-leases
-- A sender that stops gives its blocks back: their unsent rows are due again at once.
DELETE FROM delivery_lease WHERE edition_id = ? AND owner = ?

-- name: mark-sent
UPDATE delivery SET status = 'sent', sent_at = ?, message_id = ?, last_error = NULL, attempts = attempts + 1
WHERE id = ? AND status <> 'sent'

-- name: mark-retry
UPDATE delivery SET status = 'queued', next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?

-- name: mark-waiting
-- The SMTP server could not be used at all: due again at its next probe, the try not counted.
UPDATE delivery SET status = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ?

-- name: mark-failed
UPDATE delivery SET status = 'failed', last_error = ?, next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?

-- name: first-due
-- Where a new pass over the edition starts: the first row due now that no other sender holds.
-- Reads the edition's rows on the (edition_id, id) index (no index has the status: V5_4), ~50 ms
-- per 100,000 rows; the sender runs it once per pass and paces its retry wait by its cost. The
-- other senders' live leases are read once (a hashed subplan on PostgreSQL): as NOT EXISTS,
-- PostgreSQL read them again for every row whenever its statistics did not know the edition's rows
-- yet (a node joining an edition just planned: 17.6 s for 100,000 rows and 400 leases).
SELECT MIN(d.id) FROM delivery d WHERE d.edition_id = ? AND d.status = 'queued' AND d.next_attempt_at <= ?
  AND d.id / ? NOT IN (SELECT l.block FROM delivery_lease l WHERE l.owner <> ? AND l.lease_until > ? AND l.edition_id = ?)

-- name: next-due
-- When the next row of the edition becomes due for this sender (a retry, or the end of another
-- sender's lease), or NULL when nothing is pending. A row's lease is found by its key (edition_id,
-- block): as a join, PostgreSQL read all the edition's leases for every queued row whenever its
-- statistics did not know the edition's rows yet.
SELECT MIN(COALESCE((SELECT CASE WHEN l.lease_until > d.next_attempt_at THEN l.lease_until END FROM delivery_lease l
                     WHERE l.edition_id = d.edition_id AND l.block = d.id / ? AND l.owner <> ? AND l.lease_until > ?),
                    d.next_attempt_at))
FROM delivery d WHERE d.edition_id = ? AND d.status = 'queued'

-- name: counts
-- Progress of an edition: rows per status.
SELECT status, COUNT(*) FROM delivery WHERE edition_id = ? GROUP BY status

-- name: leased-queued
-- Queued rows in live leases: the ones being sent right now.
SELECT COUNT(*) FROM delivery_lease l
JOIN delivery d ON d.edition_id = l.edition_id AND d.id >= l.block * ? AND d.id < (l.block + 1) * ?
WHERE l.edition_id = ? AND l.lease_until > ? AND d.status = 'queued'

-- name: cancel-pending
-- Rows in a live lease are left to their sender, which may be sending them right now; it gives
-- them back when it sees the cancel, and they are cancelled then.
UPDATE delivery d SET status = 'cancelled' WHERE d.edition_id = ? AND d.status = 'queued'
  AND NOT EXISTS (SELECT 1 FROM delivery_lease l WHERE l.edition_id = d.edition_id AND l.block = d.id / ?
                  AND l.lease_until > ?)

-- name: record-smtp-error
-- The edition's last SMTP error (V20_1), shown on the admin page, in the API and in /health.
UPDATE edition SET last_smtp_error = ?, last_smtp_error_at = ? WHERE id = ?

-- name: smtp-trouble
-- The edition's last SMTP error and when the first of its rows waiting for a retry is due (NULL
-- when none waits): a row tried before, or one that waits for the SMTP server's next probe
-- (mark-waiting: no try counted, its error kept). Reads the rows of an unfinished edition on the (edition_id, id) index, as
-- first-due does; a done or cancelled edition has none waiting.
SELECT e.last_smtp_error, e.last_smtp_error_at,
       CASE WHEN e.status IN ('sending', 'paused') THEN (SELECT MIN(d.next_attempt_at) FROM delivery d
            WHERE d.edition_id = e.id AND d.status = 'queued' AND (d.attempts > 0 OR d.last_error IS NOT NULL)) END
FROM edition e WHERE e.id = ?

-- name: latest-trouble
-- The unfinished edition whose SMTP error is the latest, for /health.
SELECT id FROM edition WHERE status IN ('sending', 'paused') AND last_smtp_error_at IS NOT NULL
ORDER BY last_smtp_error_at DESC LIMIT 1

-- name: retry-now
-- "Send now" on an edition waiting for retries: its waiting rows are due at once.
UPDATE delivery SET next_attempt_at = ? WHERE edition_id = ? AND status = 'queued' AND next_attempt_at > ?
