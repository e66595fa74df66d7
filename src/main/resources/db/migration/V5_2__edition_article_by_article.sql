-- The editions that hold an article: the "already sent in a topic edition" check of planning and of
-- every digest starts from them (edition.sql), and deleting an article cascades through them.
-- PostgreSQL makes no index for the foreign key, so without this each check scanned the table. On
-- H2 it repeats the index H2 made for the key, on a table of a few rows per edition.
CREATE INDEX edition_article_article ON edition_article (article_id);
