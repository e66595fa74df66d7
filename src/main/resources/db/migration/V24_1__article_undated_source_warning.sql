-- An article of an html source whose date selector found no readable date: stored and shown, but
-- never sent as new in a digest (its real date is unknown; it may be old news).
ALTER TABLE article ADD COLUMN undated BOOLEAN DEFAULT FALSE NOT NULL;
-- Warnings of the last successful collect of a source (selectors that matched nothing), for the admin.
ALTER TABLE source ADD COLUMN last_warning VARCHAR(2000);
