-- Posts written on the admin pages. content_markdown: the Markdown the author wrote (content_html is
-- made from it), shown again in the edit form. unpublished: written here and never public yet (a
-- draft, or a post scheduled for later); such a post is stored hidden, and its collected_at is set
-- when it first goes public, so digests count it as new then and not when it was written.
-- publish_at: when a scheduled post goes public by itself (serve's ScheduledPosts looks for due ones).
ALTER TABLE article ADD COLUMN content_markdown TEXT;
ALTER TABLE article ADD COLUMN unpublished BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE article ADD COLUMN publish_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX article_publish_at ON article (publish_at);
