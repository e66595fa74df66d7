-- Edition numbers (the id) count the editions that went out, without gaps: an identity sequence
-- used up a number for every send that found nothing new and for every preview (rolled back, but a
-- sequence is not). The number is now the largest one plus one, taken under the articles lock
-- (edition.sql, next-edition-number), so a rolled-back or deleted edition leaves no gap.
ALTER TABLE edition ALTER COLUMN id DROP IDENTITY;
