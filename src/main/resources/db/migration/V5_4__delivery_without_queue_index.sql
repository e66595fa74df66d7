-- delivery_queue (edition_id, status, next_attempt_at, id) was the only index on a column that
-- changes while sending: every "sent" mark moved the row's entry in it. At 1,000,000 members a
-- send took 315 s with it and 231 s without; a running serve spent ~50 s of CPU per 100,000
-- digests with it against ~31 s without (bench/README.md, "Send: stop 15"), the index no longer
-- fitting H2's cache in a 256 MB heap. What it served reads the edition's rows on the
-- (edition_id, id) index instead: the sender's end-of-pass look-ups (once per pass, and paced by
-- their own cost while waiting for retries), progress counts, a cancel, and the dashboard's
-- failure list of the recent editions, which now reads their rows as its sends-per-day count did.
DROP INDEX delivery_queue;
