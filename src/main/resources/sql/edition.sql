-- Editions: planning which articles go to whom. Used only by org.rundbrief.edition.EditionStore.
-- The what-is-new rule (docs/ARCHITECTURE.md) lives in the fragment repeated in plan-deliveries and
-- articles-for-deliveries (the previews', and the sender's for a page when a topic edition shares the
-- edition's articles; otherwise render.EditionMessages applies the first two parts itself, held to
-- this query by NewArticlesOfAPageTest): an article is new for a subscriber when it was collected after their
-- watermark (delivery.since / subscriber.delivered_until), matches their topics (none chosen = all;
-- untagged articles go to everyone) and was not already sent to them in a topic edition.
-- That last check starts from the few editions holding the article and looks at the subscriber's
-- deliveries only for topic editions among them: starting from the subscriber's deliveries (as it
-- did) read their whole history for every article, which grows by one row per edition sent
-- (20,000 members with 50 past editions: planning 9.9 → 1.1 s CPU). Its delivery lookup refers to
-- e2, not ea2, so H2 evaluates it after the topic test and not for every regular edition too.

-- name: next-edition-number
-- The number of a new edition: one more than the last (taken under the articles lock, so two
-- inserts never read the same; an edition deleted or rolled back leaves its number to the next).
SELECT COALESCE(MAX(id), 0) + 1 FROM edition

-- name: insert-edition
-- A new edition, planning (or paused: held for the admin's preview); its article set is frozen
-- right after by freeze-articles.
INSERT INTO edition (id, cadence, topic, status, cutoff, created_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: freeze-articles
-- Every article collected up to the cutoff and published within maxAgeDays (optionally one topic);
-- never one without a readable date (undated: its publication time is only the collection time),
-- nor one an editor hid.
INSERT INTO edition_article (edition_id, article_id)
SELECT ?, a.id FROM article a
WHERE a.collected_at <= ? AND a.collected_at > ? AND a.published_at >= ? AND a.undated = FALSE AND a.hidden = FALSE
  AND (CAST(? AS VARCHAR(40)) IS NULL OR EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = a.id AND t.topic = ?))

-- name: max-subscriber-id
SELECT COALESCE(MAX(id), 0) FROM subscriber

-- name: plan-deliveries
-- Queues one delivery per confirmed subscriber of the cadence in an id window who has something new.
-- The window bounds the look for rows already queued (a resumed planning's) too: PostgreSQL,
-- before it has statistics of a freshly filled delivery table, read every row of the edition
-- queued so far for each subscriber (planning 20,000 members took 18 s; 1,000,000 would never end).
INSERT INTO delivery (edition_id, subscriber_id, since, status, attempts, next_attempt_at)
SELECT e.id, s.id, s.delivered_until, 'queued', 0, e.created_at
FROM edition e JOIN subscriber s ON s.cadence = e.cadence AND s.status = 'confirmed'
WHERE e.id = ? AND s.id > ? AND s.id <= ? AND s.delivered_until IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.edition_id = e.id AND d.subscriber_id = s.id
                    AND d.subscriber_id > ? AND d.subscriber_id <= ?)
  AND EXISTS (
    SELECT 1 FROM edition_article ea JOIN article a ON a.id = ea.article_id
    WHERE ea.edition_id = e.id AND a.collected_at > s.delivered_until
      AND (NOT EXISTS (SELECT 1 FROM subscriber_topic st WHERE st.subscriber_id = s.id)
           OR NOT EXISTS (SELECT 1 FROM article_topic at0 WHERE at0.article_id = a.id)
           OR EXISTS (SELECT 1 FROM article_topic at1 JOIN subscriber_topic st1 ON st1.topic = at1.topic
                      WHERE at1.article_id = a.id AND st1.subscriber_id = s.id))
      AND NOT EXISTS (SELECT 1 FROM edition_article ea2 JOIN edition e2 ON e2.id = ea2.edition_id AND e2.topic IS NOT NULL
                      WHERE ea2.article_id = a.id AND ea2.edition_id <> e.id
                        AND EXISTS (SELECT 1 FROM delivery d2 WHERE d2.edition_id = e2.id AND d2.subscriber_id = s.id
                                    AND d2.status <> 'cancelled' AND a.collected_at > d2.since)))

-- name: planned
-- Planning ended: the edition becomes sendable, unless it was paused or cancelled meanwhile.
UPDATE edition SET planned_at = ?, status = CASE WHEN status = 'planning' THEN 'sending' ELSE status END,
                   planning_owner = NULL, planning_until = NULL
WHERE id = ?

-- name: take-planning
-- Takes or renews the planning lease (V20_3): free, ours, or ended (its planner died). One
-- UPDATE: of two nodes asking at once, the row lock lets one through and the other finds it taken.
UPDATE edition SET planning_owner = ?, planning_until = ?
WHERE id = ? AND planned_at IS NULL AND (planning_owner IS NULL OR planning_owner = ? OR planning_until <= ?)

-- name: give-up-planning
-- A planner that stops (its process is shutting down) gives its lease back: the next planner
-- continues at once instead of after the lease's end.
UPDATE edition SET planning_owner = NULL, planning_until = NULL WHERE id = ? AND planning_owner = ? AND planned_at IS NULL

-- name: stranded-editions
-- Editions in state planning whose planner is gone (no lease, or it ran out), oldest first:
-- serve's resumer completes their planning.
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition
WHERE status = 'planning' AND planned_at IS NULL AND (planning_until IS NULL OR planning_until <= ?) ORDER BY id

-- name: advance-watermarks
-- After queueing a window: its subscribers are done up to the cutoff (regular editions only).
-- (EXISTS on the unique (edition_id, subscriber_id) index; H2 runs an IN (subquery) per row. The
-- cutoff is a parameter: as a subquery on edition H2 evaluated it again for every updated row.)
UPDATE subscriber s SET delivered_until = ?
WHERE s.id > ? AND s.id <= ? AND EXISTS (SELECT 1 FROM delivery d WHERE d.edition_id = ? AND d.subscriber_id = s.id)

-- name: articles-for-deliveries
-- The article ids of the digests of the deliveries of one edition in an id range (a claimed page,
-- at most a few hundred rows, on the (edition_id, id) index), one row per (delivery, article),
-- oldest delivery first and each digest newest article first. One query for the page instead of
-- one per message; a delivery with nothing new has no row.
SELECT d.id, d.subscriber_id, a.id FROM delivery d
JOIN edition_article ea ON ea.edition_id = d.edition_id JOIN article a ON a.id = ea.article_id
WHERE d.edition_id = ? AND d.id BETWEEN ? AND ? AND a.collected_at > d.since
  AND (NOT EXISTS (SELECT 1 FROM subscriber_topic st WHERE st.subscriber_id = d.subscriber_id)
       OR NOT EXISTS (SELECT 1 FROM article_topic at0 WHERE at0.article_id = a.id)
       OR EXISTS (SELECT 1 FROM article_topic at1 JOIN subscriber_topic st1 ON st1.topic = at1.topic
                  WHERE at1.article_id = a.id AND st1.subscriber_id = d.subscriber_id))
  AND NOT EXISTS (SELECT 1 FROM edition_article ea2 JOIN edition e2 ON e2.id = ea2.edition_id AND e2.topic IS NOT NULL
                  WHERE ea2.article_id = a.id AND ea2.edition_id <> ea.edition_id
                    AND EXISTS (SELECT 1 FROM delivery d2 WHERE d2.edition_id = e2.id AND d2.subscriber_id = d.subscriber_id
                                AND d2.status <> 'cancelled' AND a.collected_at > d2.since))
ORDER BY d.id, a.published_at DESC, a.id DESC

-- name: shares-topic-editions
-- Whether another topic edition froze one of this edition's articles: only then can the last part
-- of the what-is-new rule (already sent in a topic edition) withhold an article. Without, the sender
-- applies the rest of the rule to a page's rows itself (render.EditionMessages) and reads no
-- (delivery, article) rows: that query was a fifth of PostgreSQL's time in a send.
SELECT 1 FROM edition_article ea
JOIN edition_article ea2 ON ea2.article_id = ea.article_id AND ea2.edition_id <> ea.edition_id
JOIN edition e2 ON e2.id = ea2.edition_id AND e2.topic IS NOT NULL
WHERE ea.edition_id = ?
FETCH FIRST 1 ROWS ONLY

-- name: insert-delivery
-- One delivery row by hand: the preview's, inside a transaction that is rolled back.
INSERT INTO delivery (edition_id, subscriber_id, since, status, attempts, next_attempt_at) VALUES (?, ?, ?, 'queued', 0, ?)

-- name: edition-article-ids
SELECT ea.article_id FROM edition_article ea JOIN article a ON a.id = ea.article_id
WHERE ea.edition_id = ? ORDER BY a.published_at DESC, a.id DESC

-- name: set-status
UPDATE edition SET status = ? WHERE id = ?

-- name: finish
UPDATE edition SET status = 'done', finished_at = ? WHERE id = ? AND status = 'sending'

-- name: delete-edition
DELETE FROM edition WHERE id = ?

-- name: count-deliveries
SELECT COUNT(*) FROM delivery WHERE edition_id = ?

-- name: edition-by-id
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition WHERE id = ?

-- name: unfinished-editions
-- Editions a crash or a stop left behind (oldest first); they are finished before new ones start.
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition
WHERE status IN ('planning', 'sending') AND cadence = ? ORDER BY id

-- name: sending-editions
-- Planned editions in state sending, oldest first: serve's resumer looks for their due rows.
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition
WHERE status = 'sending' AND planned_at IS NOT NULL ORDER BY id

-- name: paused-edition
-- The oldest paused edition of a cadence and topic (none: a regular edition); a new one waits for it.
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition
WHERE status = 'paused' AND cadence = ? AND topic IS NOT DISTINCT FROM CAST(? AS VARCHAR(40)) ORDER BY id LIMIT 1

-- name: paused-editions
-- Every paused edition, oldest first: each holds back new editions of its cadence and topic (so
-- there is at most one per cadence and topic; an admin-created edition waits paused until sent).
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition
WHERE status = 'paused' ORDER BY id

-- name: public-version
-- Cheap change marker for the cached public pages: which editions are shown (sending or done).
-- Editions are few (one per cadence and period), so a scan every poll costs nothing.
SELECT COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0) AS done,
       COALESCE(SUM(CASE WHEN status = 'sending' THEN 1 ELSE 0 END), 0) AS sending,
       COALESCE(MAX(id), 0) AS last_id
FROM edition WHERE status IN ('done', 'sending')

-- name: recent-editions
SELECT id, cadence, topic, status, cutoff, created_at, planned_at, finished_at, subject, intro_html, intro_markdown FROM edition
WHERE status = 'done' ORDER BY id DESC LIMIT ?

-- name: min-watermark
-- The oldest watermark among the cadence's confirmed subscribers: nothing collected before it is new for anyone.
-- On H2 read from the index alone (V5_5 put delivered_until into subscriber_status_cadence_watermark).
SELECT MIN(delivered_until) FROM subscriber WHERE status = 'confirmed' AND cadence = ?

-- name: previous-cutoff
SELECT MAX(cutoff) FROM edition WHERE cadence = ? AND id < ? AND status <> 'cancelled'

-- name: rewind-watermarks
-- After a cancel: subscribers whose delivery was cancelled get their old watermark back, so the
-- articles are new for them again (unless a later edition has moved the watermark on since).
UPDATE subscriber s SET delivered_until =
    (SELECT d.since FROM delivery d WHERE d.edition_id = ? AND d.subscriber_id = s.id)
WHERE EXISTS (SELECT 1 FROM delivery d WHERE d.edition_id = ? AND d.subscriber_id = s.id AND d.status = 'cancelled')
  AND s.delivered_until = (SELECT e.cutoff FROM edition e WHERE e.id = ?)

-- name: set-texts
-- The admin's own subject and introduction (null: none); only while the edition waits, paused, and
-- only over the texts the edit was made on (the last three parameters), so no edit undoes another.
UPDATE edition SET subject = ?, intro_html = ?, intro_markdown = ? WHERE id = ? AND status = 'paused'
    AND subject IS NOT DISTINCT FROM ? AND intro_html IS NOT DISTINCT FROM ? AND intro_markdown IS NOT DISTINCT FROM ?
-- name: rewind-newcomers
-- A first issue (send --include-recent): confirmed subscribers of the cadence who never got a
-- digest see what was collected since the given instant as new, once. A digest is a delivery of an
-- edition that was not cancelled; subscribers who had one keep their watermark (never twice).
UPDATE subscriber s SET delivered_until = ?
WHERE s.status = 'confirmed' AND s.cadence = ? AND s.delivered_until > ?
  AND NOT EXISTS (SELECT 1 FROM delivery d JOIN edition e ON e.id = d.edition_id
                  WHERE d.subscriber_id = s.id AND d.status <> 'cancelled')

-- name: count-confirmed
SELECT COUNT(*) FROM subscriber WHERE status = 'confirmed' AND cadence = ?

-- name: newcomers
-- Why nothing is new: the cadence's confirmed subscribers who never got a digest, and the latest
-- of their watermarks (their sign-up, or the cutoff of a cancelled edition).
SELECT COUNT(*), MAX(s.delivered_until) FROM subscriber s
WHERE s.status = 'confirmed' AND s.cadence = ?
  AND NOT EXISTS (SELECT 1 FROM delivery d JOIN edition e ON e.id = d.edition_id
                  WHERE d.subscriber_id = s.id AND d.status <> 'cancelled')

-- name: recent-articles
-- Why nothing is new: articles published within delivery.maxAgeDays (optionally of one topic), and
-- how many of them were collected before the newest newcomer's sign-up.
SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.collected_at <= ? THEN 1 ELSE 0 END), 0) FROM article a
WHERE a.published_at >= ? AND a.undated = FALSE AND a.hidden = FALSE
  AND (CAST(? AS VARCHAR(40)) IS NULL OR EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = a.id AND t.topic = ?))
