-- Webhooks for a city's own systems (its WhatsApp or SMS gateway, its data warehouse): every
-- event of a region is POSTed to each of its webhooks through the outbox, signed with the
-- webhook's key (Standard Webhooks).
CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    region      TEXT    NOT NULL, -- as the operator gave it: `32.73`
    region_low  INTEGER NOT NULL, -- its packed range, for the events it covers
    region_high INTEGER NOT NULL,
    url         TEXT    NOT NULL,
    secret      BLOB    NOT NULL, -- the signing key, shown once as `whsec_…`
    created_at  TEXT    NOT NULL
);

-- A delivery to a webhook rather than a mail to `recipient`.
ALTER TABLE outbox ADD COLUMN webhook_id INTEGER REFERENCES webhooks (id) ON DELETE CASCADE;
