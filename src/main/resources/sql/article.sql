-- SQL of the article package, used only by org.rundbrief.article.ArticleStore.
-- Portable between H2 2.x and PostgreSQL. Article reads join article_topic and return one row
-- per (article, topic); ArticleStore folds consecutive rows of one article together.

-- name: find-identity
-- The stored id, content hash and publication time of one (source, guid).
SELECT id, content_hash, published_at FROM article WHERE source_key = ? AND guid = ?

-- name: source-identities
-- Every stored (guid, id, hash) of one source: one read per collect instead of one per item.
SELECT guid, id, content_hash, published_at FROM article WHERE source_key = ?

-- name: slug-taken
-- 1 when a slug is already used.
SELECT COUNT(*) FROM article WHERE slug = ?

-- name: insert-article
-- A newly collected article; collected_at = updated_at = now. undated: a feed or html source gave no
-- readable date (published_at is the collection time then); it is never sent as new.
INSERT INTO article (source_key, guid, slug, title, link, author, summary, content_html, content_text,
                     image_url, language, content_hash, published_at, collected_at, updated_at, undated)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: update-article
-- An upstream change: content replaced in place; collected_at and slug stay as they were. An
-- undated article stays undated while the source still gives no date (the last parameter: true).
UPDATE article SET title = ?, link = ?, author = ?, summary = ?, content_html = ?, content_text = ?,
                   image_url = ?, language = ?, content_hash = ?, published_at = ?, updated_at = ?,
                   undated = (undated AND ?)
WHERE id = ?

-- name: delete-topics
DELETE FROM article_topic WHERE article_id = ?

-- name: insert-topic
INSERT INTO article_topic (article_id, topic) VALUES (?, ?)

-- name: insert-topic-by-identity
-- A topic of an article inserted in the same batch, found by (topic, source, guid).
INSERT INTO article_topic (article_id, topic) SELECT id, ? FROM article WHERE source_key = ? AND guid = ?

-- name: recent
-- Newest published first, with topics; hidden articles left out (as in every public query below).
SELECT a.*, t.topic FROM (
    SELECT * FROM article WHERE hidden = FALSE ORDER BY published_at DESC, id DESC LIMIT ?
) a LEFT JOIN article_topic t ON t.article_id = a.id
ORDER BY a.published_at DESC, a.id DESC, t.topic

-- name: recent-by-topic
SELECT a.*, t.topic FROM (
    SELECT * FROM article x
    WHERE x.hidden = FALSE AND EXISTS (SELECT 1 FROM article_topic xt WHERE xt.article_id = x.id AND xt.topic = ?)
    ORDER BY published_at DESC, id DESC LIMIT ?
) a LEFT JOIN article_topic t ON t.article_id = a.id
ORDER BY a.published_at DESC, a.id DESC, t.topic

-- name: page
-- Keyset page for archives: strictly older than (published_at, id).
SELECT a.*, t.topic FROM (
    SELECT * FROM article
    WHERE (published_at < ? OR (published_at = ? AND id < ?)) AND hidden = FALSE
    ORDER BY published_at DESC, id DESC LIMIT ?
) a LEFT JOIN article_topic t ON t.article_id = a.id
ORDER BY a.published_at DESC, a.id DESC, t.topic

-- name: page-by-topic
SELECT a.*, t.topic FROM (
    SELECT * FROM article x
    WHERE (published_at < ? OR (published_at = ? AND id < ?)) AND x.hidden = FALSE
      AND EXISTS (SELECT 1 FROM article_topic xt WHERE xt.article_id = x.id AND xt.topic = ?)
    ORDER BY published_at DESC, id DESC LIMIT ?
) a LEFT JOIN article_topic t ON t.article_id = a.id
ORDER BY a.published_at DESC, a.id DESC, t.topic

-- name: by-slug
-- The archive's article page (a hidden article has none).
SELECT a.*, t.topic FROM article a LEFT JOIN article_topic t ON t.article_id = a.id
WHERE a.slug = ? AND a.hidden = FALSE ORDER BY t.topic

-- name: recent-for-desk
-- The admin's list: newest published first, hidden ones included (to show them again).
SELECT a.*, t.topic FROM (
    SELECT * FROM article ORDER BY published_at DESC, id DESC LIMIT ?
) a LEFT JOIN article_topic t ON t.article_id = a.id
ORDER BY a.published_at DESC, a.id DESC, t.topic

-- name: set-hidden
-- Hides or shows an article; updated_at moves, so the cached feeds and pages are made again. Hiding
-- a scheduled post ends its schedule (it stays unpublished, a draft).
UPDATE article SET hidden = ?, publish_at = NULL, updated_at = ? WHERE id = ?

-- name: set-post-state
-- A post written on the admin pages after a save (V30_1): its Markdown, hidden or not, never public
-- yet or not, and its schedule. updated_at moves, so the cached feeds and pages are made again.
UPDATE article SET content_markdown = ?, hidden = ?, unpublished = ?, publish_at = ?, updated_at = ? WHERE id = ?

-- name: go-public
-- A post never public before goes public: collected_at becomes now, so the what-is-new rule counts
-- it from this moment (run under the articles lock); a scheduled one is dated at its publish time
-- (cleaning dates a post from the future at its writing). Matches nothing once it is public.
UPDATE article SET hidden = FALSE, unpublished = FALSE, published_at = COALESCE(publish_at, published_at),
                   publish_at = NULL, collected_at = ?, updated_at = ?
WHERE id = ? AND unpublished = TRUE

-- name: due-posts
-- Scheduled posts whose publish time has come, oldest first (on the article_publish_at index: every
-- other article has no publish time).
SELECT id FROM article WHERE publish_at <= ? AND unpublished = TRUE ORDER BY publish_at, id LIMIT ?

-- name: by-id
SELECT a.*, t.topic FROM article a LEFT JOIN article_topic t ON t.article_id = a.id
WHERE a.id = ? ORDER BY t.topic

-- name: all
-- Every article, newest published first, for streaming exports.
SELECT a.*, t.topic FROM article a LEFT JOIN article_topic t ON t.article_id = a.id
ORDER BY a.published_at DESC, a.id DESC, t.topic

-- name: version
-- Cheap change marker for caches: number of articles and the latest change.
SELECT COUNT(*) AS n, MAX(updated_at) AS last_updated FROM article

-- name: source-state
-- Polite-fetch state of one source.
SELECT etag, last_modified FROM source WHERE source_key = ?

-- name: source-success
UPDATE source SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL, last_error_at = NULL,
                  last_error_note = NULL, item_count = ?, last_warning = ?, last_warning_notes = ?
WHERE source_key = ?

-- name: source-failure
UPDATE source SET last_error = ?, last_error_at = ?, last_error_note = ? WHERE source_key = ?

-- name: source-insert
INSERT INTO source (source_key, item_count) VALUES (?, 0)

-- name: page-validators
-- Validators of the article pages of one html source whose articles are stored.
SELECT p.url, p.etag, p.last_modified FROM source_page p
JOIN article a ON a.source_key = p.source_key AND a.guid = p.url
WHERE p.source_key = ?

-- name: page-validators-delete
DELETE FROM source_page WHERE source_key = ? AND url = ?

-- name: page-validators-insert
INSERT INTO source_page (source_key, url, etag, last_modified) VALUES (?, ?, ?, ?)

-- name: source-status
-- Status of one source for reports.
SELECT source_key, last_success, last_error, last_error_at, item_count, last_warning, last_error_note, last_warning_notes
FROM source WHERE source_key = ?
