-- Issue #23: the version of a member's link key. Every link in a mail carries it; raising it
-- (address change, "send me a new link") revokes all links sent before. Existing members start
-- at 0, which the links mailed before this version also stand for.
ALTER TABLE subscriber ADD COLUMN link_key INTEGER DEFAULT 0 NOT NULL;
