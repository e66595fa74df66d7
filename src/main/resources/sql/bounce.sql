-- Delivery reports read from the bounce mailbox. Used only by org.rundbrief.bounce.BounceStore.

-- name: report-insert
-- One report, attributed to a subscriber.
INSERT INTO bounce_report (subscriber_id, delivery_id, kind, recipient, status, diagnostic, received_at, bounce_day, raw)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: soft-days
-- On how many days a subscriber's messages bounced softly since the given day (one count a day).
SELECT COUNT(DISTINCT bounce_day) FROM bounce_report WHERE subscriber_id = ? AND kind = 'soft' AND bounce_day >= ?

-- name: reports-of-subscriber
-- A subscriber's newest reports, for the admin API and pages.
SELECT id, delivery_id, kind, recipient, status, diagnostic, received_at, raw FROM bounce_report
WHERE subscriber_id = ? ORDER BY received_at DESC, id DESC LIMIT ?

-- name: delivery-subscriber
-- Whose a delivery is (a VERP reference names the delivery).
SELECT subscriber_id FROM delivery WHERE id = ?
