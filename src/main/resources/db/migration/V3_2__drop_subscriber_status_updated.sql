-- V3_1's index on (status, updated_at) cost every import row an extra index write; the purge of
-- expired pending subscribers runs rarely and the (status, cadence, id) index already narrows it
-- to pending rows.
DROP INDEX subscriber_status_updated;
