-- Claims on the delivery queue, one row per block of consecutive delivery ids (block = id / 32)
-- instead of a status write on every delivery row: a sender leases the blocks it is about to send
-- until lease_until; rows stay 'queued' until they are marked sent, failed or due for a retry.
-- Sending 100,000 digests wrote 100,000 claims (and as many index moves); now ~3,100 lease rows.
-- A sender drops its leases when it stops; a dead sender's run out and the blocks can be taken over.
CREATE TABLE delivery_lease (
    edition_id   BIGINT NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    block        BIGINT NOT NULL,
    owner        VARCHAR(40) NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (edition_id, block)
);
-- Rows claimed the old way by a sender that stopped before this upgrade: queued again, due when
-- their lease ends (next_attempt_at held the lease's end), as they would have been.
UPDATE delivery SET status = 'queued' WHERE status = 'sending';
-- Senders take leases under this lock, so a block is never leased twice.
INSERT INTO app_lock (name) VALUES ('delivery-leases');
