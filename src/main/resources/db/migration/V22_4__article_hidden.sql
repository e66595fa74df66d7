-- An editor hid the article on the admin pages: it stays stored (the next collect neither brings it
-- back nor collects it again as new) but is left out of new editions, the feeds and the archive
-- until it is shown again.
ALTER TABLE article ADD COLUMN hidden BOOLEAN DEFAULT FALSE NOT NULL;
