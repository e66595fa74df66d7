-- Named locks for work that must not interleave across threads and processes (H2 and PostgreSQL
-- both hold a row lock until the transaction ends). 'articles': storing collected articles and
-- freezing an edition's article set take it, so an edition never misses an article that was
-- collected, but not yet committed, when its cutoff was taken.
CREATE TABLE app_lock (
    name      VARCHAR(40) PRIMARY KEY,
    taken_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO app_lock (name) VALUES ('articles');
