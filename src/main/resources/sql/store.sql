-- name: applied-migrations
-- What Flyway has applied (its own table; quoted: Flyway creates it in lower case on H2 too).
SELECT "version" FROM "flyway_schema_history" WHERE "success" = TRUE AND "version" IS NOT NULL
