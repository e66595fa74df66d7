-- As V3_3 for subscribers: H2 persists an identity sequence every CACHE values (default 32) with a
-- commit of its own, which with WRITE_DELAY=0 writes every pending page. Planning an edition
-- inserts one delivery row per recipient (a million-member edition made ~31,000 such commits) and
-- a large feed inserts thousands of articles in one transaction.
ALTER TABLE delivery ALTER COLUMN id SET CACHE 10000;
ALTER TABLE article ALTER COLUMN id SET CACHE 10000;
