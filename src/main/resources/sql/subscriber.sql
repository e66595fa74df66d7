-- Subscriber SQL, used only by org.rundbrief.subscriber.SubscriberStore.

-- name: subscriber-by-id
-- One subscriber with its topics (one row per topic; no topic gives one row with NULL).
SELECT s.*, t.topic FROM subscriber s LEFT JOIN subscriber_topic t ON t.subscriber_id = s.id
WHERE s.id = ? ORDER BY t.topic

-- name: subscriber-by-email
SELECT s.*, t.topic FROM subscriber s LEFT JOIN subscriber_topic t ON t.subscriber_id = s.id
WHERE s.email = ? ORDER BY t.topic

-- name: subscriber-ids-among
-- The import's look-up of a whole chunk (H2): ? is an array of addresses, joined as a table, each
-- found on the unique index on email. With "email = ANY(?)" H2 found them on the same index but
-- then checked every row found against the whole array again, so it was asked 100 at a time.
SELECT s.id, s.email FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS chunk(email) JOIN subscriber s ON s.email = chunk.email

-- name: confirmed-subscribers-among
-- The sender's look-up of a claimed page's recipients (? is an array of ids, each found by primary
-- key): only those who still want mail, with their topics, in id order. The ids are a table to join:
-- with "s.id = ANY(?)" H2 found the rows by the same key but then checked each row against the
-- whole array again, twice (2 × 500 × 500 comparisons a page: 4 % of a one-shot send's CPU).
SELECT s.*, t.topic FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS page(id)
JOIN subscriber s ON s.id = page.id LEFT JOIN subscriber_topic t ON t.subscriber_id = s.id
WHERE s.status = 'confirmed' ORDER BY s.id, t.topic

-- name: subscribers-all
-- Every subscriber in id order, topics joined; read as a stream.
SELECT s.*, t.topic FROM subscriber s LEFT JOIN subscriber_topic t ON t.subscriber_id = s.id
ORDER BY s.id, t.topic

-- name: subscriber-insert
INSERT INTO subscriber (email, name, status, cadence, language, created_at, updated_at, confirmed_at, delivered_until)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: subscriber-word-insert
-- A word the member search finds the member by (org.rundbrief.subscriber.SearchWords).
INSERT INTO subscriber_word (word, subscriber_id) VALUES (?, ?)

-- name: subscriber-word-delete
-- A word the member no longer has (or the member is deleted); found by the table's key, its only index.
DELETE FROM subscriber_word WHERE word = ? AND subscriber_id = ?

-- name: subscriber-email-name
-- What a member's search words are made of.
SELECT email, name FROM subscriber WHERE id = ?

-- name: subscriber-lock
-- A member's row, locked until the commit: an edit compares the stored state and saves in one go.
SELECT id FROM subscriber WHERE id = ? FOR UPDATE

-- name: subscriber-email-name-locked
-- The same before a change of the member: their row locked against a catch-up of the words.
SELECT email, name FROM subscriber WHERE id = ? FOR UPDATE

-- name: words-mark-locked
-- The highest member id up to which the search words are written, locked until the commit
-- (SubscriberStore#catchUpWords says why).
SELECT setting_value FROM setting WHERE name = ? FOR UPDATE

-- name: members-above-words-mark
-- The next members whose search words are not written yet, locked until the words are.
SELECT id, email, name FROM subscriber WHERE id > ? ORDER BY id LIMIT ? FOR UPDATE

-- name: subscriber-topic-insert
INSERT INTO subscriber_topic (subscriber_id, topic) VALUES (?, ?)

-- name: subscriber-topics-delete
DELETE FROM subscriber_topic WHERE subscriber_id = ?

-- name: subscriber-update-profile
-- Preferences: name, cadence, language (topics separately).
UPDATE subscriber SET name = ?, cadence = ?, language = ?, updated_at = ? WHERE id = ?

-- name: subscriber-update-email
-- A new address revokes every link mailed before (issue #23): they went to the old one.
UPDATE subscriber SET email = ?, link_key = link_key + 1, updated_at = ? WHERE id = ?

-- name: subscriber-new-link-key
-- "Send me a new link": the links mailed before stop working.
UPDATE subscriber SET link_key = link_key + 1 WHERE id = ?

-- name: subscriber-make-pending
-- A new opt-in (fresh form post or re-subscription): back to pending, confirmation cleared.
UPDATE subscriber SET status = 'pending', name = ?, cadence = ?, language = ?, updated_at = ?,
    confirmed_at = NULL, unsubscribed_at = NULL, delivered_until = NULL WHERE id = ?

-- name: subscriber-confirm
-- Confirmation sets the what-is-new watermark to the confirmation instant (docs/ARCHITECTURE.md).
UPDATE subscriber SET status = 'confirmed', confirmed_at = ?, delivered_until = ?, updated_at = ?
WHERE id = ? AND status = 'pending'

-- name: subscriber-resubscribe
-- A member who left confirmed a new form post: its choices take effect only now (issue #23: a post
-- alone must not rename or reset anyone). Watermark as on a first confirmation.
UPDATE subscriber SET status = 'confirmed', name = ?, cadence = ?, language = ?, confirmed_at = ?,
    delivered_until = ?, unsubscribed_at = NULL, updated_at = ?
WHERE id = ? AND status = 'unsubscribed'

-- name: subscriber-unsubscribe
UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = ?, updated_at = ?
WHERE id = ? AND status IN ('pending', 'confirmed')

-- name: subscriber-bounce
-- A hard bounce: the address does not exist; never mailed again.
UPDATE subscriber SET status = 'bounced', updated_at = ?
WHERE id = ? AND status IN ('pending', 'confirmed')

-- name: subscriber-complain
-- A spam complaint (RFC 5965 feedback report): never mailed again.
UPDATE subscriber SET status = 'complained', updated_at = ?
WHERE id = ? AND status IN ('pending', 'confirmed', 'bounced')

-- name: subscriber-notice-sent
-- Claims the once-per-24h "already subscribed" notice; 1 row updated means: send it.
UPDATE subscriber SET notice_sent_at = ? WHERE id = ? AND (notice_sent_at IS NULL OR notice_sent_at <= ?)

-- name: subscriber-delete
DELETE FROM subscriber WHERE id = ?

-- name: consent-insert
INSERT INTO consent_event (subscriber_id, action, origin, ip, user_agent, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: consent-by-subscriber
SELECT action, origin, ip, user_agent, note, at FROM consent_event WHERE subscriber_id = ? ORDER BY at, id

-- name: consent-anonymize
-- Forget/purge: the consent rows stay as proof, without IP and user agent.
UPDATE consent_event SET ip = NULL, user_agent = NULL WHERE subscriber_id = ?

-- name: pending-expired-ids
-- Pending subscriptions (with ids in a range: all, or one member's) whose time ran out: not touched
-- since the cut-off, no mail to them waiting in the outbox, and none sent since the cut-off. The
-- days to confirm thus run from when the confirmation mail went out, not from when it was queued:
-- a mail held back by a long SMTP outage keeps its member, and its link works when it arrives.
SELECT s.id FROM subscriber s WHERE s.status = 'pending' AND s.updated_at < ? AND s.id BETWEEN ? AND ?
AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subscriber_id = s.id AND (o.status = 'queued' OR o.sent_at >= ?))

-- name: suppression-exists
SELECT COUNT(*) FROM suppression WHERE email_hash = ?

-- name: suppression-hashes-among
-- Which of an array of hashes are suppressed (primary-key look-ups, joined as above).
SELECT s.email_hash FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS chunk(email_hash) JOIN suppression s ON s.email_hash = chunk.email_hash

-- name: suppression-insert
INSERT INTO suppression (email_hash, reason, at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM suppression WHERE email_hash = ?)

-- name: setting-get
SELECT setting_value FROM setting WHERE name = ?

-- name: setting-update
UPDATE setting SET setting_value = ? WHERE name = ?

-- name: setting-insert-if-absent
INSERT INTO setting (name, setting_value) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM setting WHERE name = ?)

-- name: suppression-reason
-- Why an address is suppressed (forgotten, bounced, complained), if it is.
SELECT reason FROM suppression WHERE email_hash = ?

-- name: suppression-delete
-- Lifts a suppression: a confirmed double opt-in of a forgotten or bounced address, or an admin.
DELETE FROM suppression WHERE email_hash = ?
