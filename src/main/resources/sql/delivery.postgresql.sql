-- Delivery SQL for PostgreSQL only, used by org.rundbrief.delivery.DeliveryStore when the database
-- is PostgreSQL.

-- name: mark-sent-now
-- One message's "sent" mark, where marks are not journaled (PostgreSQL: other nodes must see them at
-- once): one statement, its own transaction, one round trip. set_config(..., true) holds for this
-- transaction only, and its commit then returns once PostgreSQL has the mark, before the WAL reaches
-- the disk (which it does within a few hundred ms); the connection's next transaction waits for the
-- disk again. Other sessions see the mark at once, so a node that dies mid-edition still re-sends at
-- most its in-flight messages; only a crash of PostgreSQL itself in that window loses the last
-- marks, and those messages go out again. Waiting for the disk on every message capped sending at a
-- few commits per connection per flush; a transaction of its own (SET LOCAL, UPDATE, COMMIT) took
-- three round trips per message.
UPDATE delivery SET status = 'sent', sent_at = ?, message_id = ?, last_error = NULL, attempts = attempts + 1
FROM (SELECT set_config('synchronous_commit', 'off', true) AS value) AS commit_without_waiting
WHERE id = ? AND status <> 'sent' AND commit_without_waiting.value = 'off'
