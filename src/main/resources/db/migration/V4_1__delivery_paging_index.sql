-- The delivery reader pages through an edition's due rows in id order ("id > ? ORDER BY id LIMIT n");
-- with this index each page reads only its own rows instead of every remaining queued row.
CREATE INDEX delivery_edition_id ON delivery (edition_id, id);
