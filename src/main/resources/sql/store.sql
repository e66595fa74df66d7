-- name: applied-migrations
-- What Flyway has applied (its own table; quoted: Flyway creates it in lower case on H2 too).
SELECT "version" FROM "flyway_schema_history" WHERE "success" = TRUE AND "version" IS NOT NULL

-- name: database-time
-- The database server's time now (in autocommit, the statement's own transaction began now),
-- which org.rundbrief.store.DatabaseClock sets this machine's clock to.
SELECT CURRENT_TIMESTAMP
