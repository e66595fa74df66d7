-- H2 persists an identity sequence every CACHE values (default 32) with a commit of its own, and
-- with WRITE_DELAY=0 every commit writes all pending pages to the file: an import of 1,000 rows
-- wrote the database ~60 times instead of once (issue #4). A larger cache means a larger gap in the
-- ids after a crash (H2); on PostgreSQL the cache is per connection, so ids get gaps and stop
-- following insertion order across connections (bench/README.md, Import).
ALTER TABLE subscriber ALTER COLUMN id SET CACHE 10000;
ALTER TABLE consent_event ALTER COLUMN id SET CACHE 10000;
