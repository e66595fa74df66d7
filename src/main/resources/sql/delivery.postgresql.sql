-- Delivery SQL for PostgreSQL only, used by org.rundbrief.delivery.DeliveryStore when the database
-- is PostgreSQL.

-- name: commit-without-waiting-for-the-disk
-- For the transaction of a "sent" mark only: its commit returns once PostgreSQL has it, before the
-- WAL reaches the disk (which it does within a few hundred ms). Other sessions see the mark at
-- once, so a node that dies mid-edition still re-sends at most its in-flight messages; only a
-- crash of PostgreSQL itself in that window loses the last marks, and those messages go out again.
-- Waiting for the disk on every message capped sending at a few commits per connection per flush.
SET LOCAL synchronous_commit TO OFF
