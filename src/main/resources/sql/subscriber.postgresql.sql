-- Subscriber SQL for PostgreSQL only (its COPY and set-based import), used by
-- org.rundbrief.subscriber.SubscriberStore when the database is PostgreSQL; H2 takes the portable
-- statements of subscriber.sql instead.

-- name: import-staging-create
-- PostgreSQL's import path: a chunk is copied into this table of the session (COPY) and stored
-- from there with set-based statements. Emptied at every commit; the first chunk on a connection
-- creates it, later ones find it.
CREATE TEMPORARY TABLE IF NOT EXISTS subscriber_import (
    pos         INTEGER      NOT NULL,
    email       VARCHAR(320) NOT NULL,
    name        VARCHAR(200),
    cadence     VARCHAR(20)  NOT NULL,
    language    VARCHAR(10)  NOT NULL,
    topics      VARCHAR(40)[] NOT NULL,
    email_hash  VARCHAR(64)  NOT NULL
) ON COMMIT DELETE ROWS

-- name: import-staging-copy
COPY subscriber_import (pos, email, name, cadence, language, topics, email_hash) FROM STDIN

-- name: import-suppressed-positions
-- The chunk's rows whose address is on the suppression list (by the primary key of suppression).
SELECT i.pos FROM subscriber_import i JOIN suppression s ON s.email_hash = i.email_hash ORDER BY i.pos

-- name: import-insert-missing
-- Stores the chunk's rows that are neither suppressed nor stored already, in file order (so the ids
-- ascend as on H2), with their topics and one consent row each (in id order); answers the position
-- and new id of every stored row. Stored addresses are left out before the insert (ON CONFLICT alone
-- would draw an id for each and leave gaps); ON CONFLICT skips an address that another transaction
-- (a form sign-up) stored meanwhile. Parameters: status, created_at, updated_at, confirmed_at,
-- delivered_until, then the consent's action, origin, ip, user_agent, note, at.
WITH fresh AS (
    INSERT INTO subscriber (email, name, status, cadence, language, created_at, updated_at, confirmed_at, delivered_until)
    SELECT i.email, i.name, CAST(? AS VARCHAR(20)), i.cadence, i.language, CAST(? AS TIMESTAMP WITH TIME ZONE),
        CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)
    FROM subscriber_import i
    WHERE NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email_hash = i.email_hash)
        AND NOT EXISTS (SELECT 1 FROM subscriber x WHERE x.email = i.email)
    ORDER BY i.pos
    ON CONFLICT (email) DO NOTHING
    RETURNING id, email
), topics AS (
    INSERT INTO subscriber_topic (subscriber_id, topic)
    SELECT f.id, t.topic FROM fresh f JOIN subscriber_import i ON i.email = f.email CROSS JOIN unnest(i.topics) AS t(topic)
), consents AS (
    INSERT INTO consent_event (subscriber_id, action, origin, ip, user_agent, note, at)
    SELECT f.id, CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(20)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(500)),
        CAST(? AS VARCHAR(1000)), CAST(? AS TIMESTAMP WITH TIME ZONE)
    FROM fresh f ORDER BY f.id
)
SELECT i.pos, f.id FROM fresh f JOIN subscriber_import i ON i.email = f.email ORDER BY i.pos

-- name: words-copy
-- The search words of the members the catch-up reached (org.rundbrief.subscriber.SearchWordsCatchUp).
COPY subscriber_word (word, subscriber_id) FROM STDIN

-- name: analyze-words
-- Statistics of the search words after a large catch-up (SearchWordsCatchUp).
ANALYZE subscriber_word

-- name: analyze-members
-- Statistics of the member tables after an import (SubscriberStore.refreshStatistics says why).
ANALYZE subscriber, subscriber_topic
