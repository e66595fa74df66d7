-- Admin: audit log, search, statistics and overviews. Used only by org.rundbrief.admin.AdminStore.
-- Read-mostly views over the other packages' tables; the only writes are the audit log and the
-- removal of a manual article.

-- name: insert-audit
INSERT INTO admin_audit (at, actor, channel, ip, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: recent-audit
SELECT at, actor, channel, ip, action, target, detail FROM admin_audit ORDER BY id DESC LIMIT ?

-- name: latest-audit-of
-- The newest entry about one target (e.g. article:12), by the index admin_audit_target.
SELECT at, actor, channel, ip, action, target, detail FROM admin_audit WHERE target = ? ORDER BY id DESC LIMIT 1

-- name: count-members
-- How many members there are (optional status).
SELECT COUNT(*) FROM subscriber WHERE (CAST(? AS VARCHAR(20)) IS NULL OR status = ?)

-- name: count-word-entries
-- How many word index entries begin with a word (the range [word, after the word)), counted up to a
-- limit: which word of a search term is the rarest.
SELECT COUNT(*) FROM (SELECT 1 FROM subscriber_word WHERE word >= ? AND word < ? LIMIT ?) w

-- name: highest-subscriber-id
-- How long the member list is, roughly, without counting it: one look at the primary key's end.
SELECT COALESCE(MAX(id), 0) FROM subscriber

-- name: subscribers-by-status
SELECT status, COUNT(*) FROM subscriber GROUP BY status ORDER BY status

-- name: subscribers-by-cadence
-- Only confirmed subscribers: the ones who get mail.
SELECT cadence, COUNT(*) FROM subscriber WHERE status = 'confirmed' GROUP BY cadence ORDER BY cadence

-- name: subscribers-by-topic
-- Confirmed subscribers per chosen topic (subscribers without a choice get all topics; counted as "*").
SELECT COALESCE(t.topic, '*'), COUNT(*) FROM subscriber s
LEFT JOIN subscriber_topic t ON t.subscriber_id = s.id
WHERE s.status = 'confirmed' GROUP BY COALESCE(t.topic, '*') ORDER BY 1

-- name: sends-per-day
-- Sent messages per UTC day since an instant (second parameter). Read through the editions created
-- since the first parameter (a little earlier, for late retries) and the (edition_id, id) index,
-- so that the dashboard reads the recent editions' rows, never the whole delivery history.
SELECT CAST(d.sent_at AS DATE), COUNT(*) FROM edition e JOIN delivery d ON d.edition_id = e.id AND d.status = 'sent'
WHERE e.created_at >= ? AND d.sent_at >= ? GROUP BY CAST(d.sent_at AS DATE) ORDER BY 1

-- name: failures
-- The latest failed deliveries, with their reason, of the editions created since an instant.
SELECT d.id, d.edition_id, s.email, d.attempts, d.last_error
FROM edition e JOIN delivery d ON d.edition_id = e.id AND d.status = 'failed' JOIN subscriber s ON s.id = d.subscriber_id
WHERE e.created_at >= ? ORDER BY d.id DESC LIMIT ?

-- name: count-failures
SELECT COUNT(*) FROM edition e JOIN delivery d ON d.edition_id = e.id AND d.status = 'failed' WHERE e.created_at >= ?

-- name: recent-editions
-- Every edition, newest first (the edition package lists only finished ones).
SELECT id FROM edition ORDER BY id DESC LIMIT ? OFFSET ?

-- name: first-delivery
-- The first queued recipient of an edition: whose message the preview shows.
SELECT id FROM delivery WHERE edition_id = ? ORDER BY edition_id, id LIMIT 1

-- name: sources
SELECT source_key, last_success, last_error, last_error_at, item_count, last_warning, last_error_note, last_warning_notes
FROM source ORDER BY source_key

-- name: article-id-by-guid
SELECT id FROM article WHERE source_key = ? AND guid = ?

-- name: delete-manual-article
-- Only manual articles can be deleted: collected ones would come back with the next collect.
DELETE FROM article WHERE id = ? AND source_key = ?

-- name: insert-approval
INSERT INTO edition_approval (edition_id, drafted_by, needs_approval) VALUES (?, ?, ?)

-- name: approval
SELECT drafted_by, needs_approval, approved_by, approved_at FROM edition_approval WHERE edition_id = ?

-- name: approve
-- Only once: a second approval changes nothing. Only of the texts the publisher saw (the last three
-- parameters): texts saved meanwhile are not approved unseen.
UPDATE edition_approval SET approved_by = ?, approved_at = ? WHERE edition_id = ? AND approved_by IS NULL
    AND EXISTS (SELECT 1 FROM edition e WHERE e.id = edition_approval.edition_id AND e.subject IS NOT DISTINCT FROM ?
                AND e.intro_html IS NOT DISTINCT FROM ? AND e.intro_markdown IS NOT DISTINCT FROM ?)

-- name: waiting-approval
-- Held editions that wait for a publisher's approval (for the dashboard).
SELECT a.edition_id, a.drafted_by FROM edition_approval a JOIN edition e ON e.id = a.edition_id
WHERE a.needs_approval AND a.approved_by IS NULL AND e.status = 'paused' ORDER BY a.edition_id

-- name: delivery-for-email
-- The delivery of one member in an edition: whose message "preview as" shows.
SELECT d.id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.edition_id = ? AND s.email = ?

-- name: reset-approval
-- A change to an approved draft (subject, introduction) needs a new approval.
UPDATE edition_approval SET approved_by = NULL, approved_at = NULL WHERE edition_id = ? AND needs_approval

-- name: members-after
-- The member list page: the next page of members after an id (keyset paging: the page reads its
-- rows along the primary key and stops at the limit, however long the list is).
SELECT id, email, name, status, cadence FROM subscriber
WHERE (CAST(? AS VARCHAR(20)) IS NULL OR status = ?) AND id > ?
ORDER BY id LIMIT ?

-- name: search-words-mark
-- Up to which member id the search words are written (SearchWordsCatchUp).
SELECT setting_value FROM setting WHERE name = ?

-- name: members-with-word-after
-- A search whose rarest word begins few word index entries: the members with such a word (the
-- range [word, after the word) of the primary key of subscriber_word) after an id and up to the
-- words' mark, in id order (AdminStore checks their other words on the row). The id bound stays inside the IN: H2 reads
-- subscriber by one condition of its primary key, and "s.id > ?" outside would be that one (a scan
-- of every later member; 4 s instead of 30 ms at 20,000 members).
SELECT s.id, s.email, s.name, s.status, s.cadence FROM subscriber s
WHERE s.id IN (SELECT w.subscriber_id FROM subscriber_word w WHERE w.word >= ? AND w.word < ?
               AND w.subscriber_id > ? AND w.subscriber_id <= ?)
  AND (CAST(? AS VARCHAR(20)) IS NULL OR s.status = ?)
ORDER BY s.id

-- name: members-containing-after
-- A search whose every word begins many entries: the next members along the primary key after an
-- id whose address or name contains the rarest word (a LIKE pattern), which a member who has a word
-- beginning with it does (AdminStore checks the words on the row); so many have it that a page fills soon.
SELECT s.id, s.email, s.name, s.status, s.cadence FROM subscriber s
WHERE s.id > ? AND (CAST(? AS VARCHAR(20)) IS NULL OR s.status = ?)
  AND (LOWER(s.email) LIKE ? OR LOWER(COALESCE(s.name, '')) LIKE ?)
ORDER BY s.id LIMIT ?

-- name: members-with-address-after
-- The member list page when the search is a whole address: that member, from the unique index.
SELECT id, email, name, status, cadence FROM subscriber
WHERE email = ? AND (CAST(? AS VARCHAR(20)) IS NULL OR status = ?) AND id > ?
ORDER BY id LIMIT ?

-- name: count-members-with-address
SELECT COUNT(*) FROM subscriber WHERE email = ? AND (CAST(? AS VARCHAR(20)) IS NULL OR status = ?)

-- name: bounced-members-before
-- Members whose mail bounced or who complained, newest id first, before an id (keyset paging),
-- each with the diagnostic of their latest delivery report, if one was read back.
SELECT s.id, s.email, s.status, s.updated_at,
       (SELECT b.diagnostic FROM bounce_report b WHERE b.subscriber_id = s.id
        ORDER BY b.received_at DESC, b.id DESC LIMIT 1) AS diagnostic
FROM subscriber s WHERE s.status IN ('bounced', 'complained') AND s.id < ?
ORDER BY s.id DESC LIMIT ?

-- name: suppressions-by-reason
-- How many addresses are suppressed, per reason (forgotten ones are kept only as a hash).
SELECT reason, COUNT(*) FROM suppression GROUP BY reason ORDER BY reason
