-- The first schema. Region codes are stored packed (province << 16 | city << 8 | kecamatan) so a
-- region-prefix filter is an integer range; taxonomy sets are stored as their bit masks so a
-- "has subsector X" filter is one AND. Both encodings are defined in pentahelix-core and stable.

CREATE TABLE stakeholders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: ids appear in links and cursors
    name            TEXT    NOT NULL,
    helix           TEXT    NOT NULL CHECK (helix IN ('government', 'academia', 'business', 'community', 'media')),
    region          INTEGER NOT NULL,
    subsectors      INTEGER NOT NULL,
    offers          INTEGER NOT NULL,
    description     TEXT    NOT NULL,
    website         TEXT,
    verified        INTEGER NOT NULL DEFAULT 0,
    -- Personal data (UU PDP): deleted with the row, never copied elsewhere.
    contact_person  TEXT    NOT NULL,
    contact_email   TEXT,
    contact_phone   TEXT,
    token_hash      BLOB    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX stakeholders_region ON stakeholders (region, id);
CREATE INDEX stakeholders_helix ON stakeholders (helix, region);
CREATE UNIQUE INDEX stakeholders_token ON stakeholders (token_hash);

CREATE TABLE initiatives (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    region          INTEGER NOT NULL,
    subsectors      INTEGER NOT NULL,
    -- The needs as JSON ([{resource, helix?, note?}]); `needed` is their resource mask, for filters.
    needs           TEXT    NOT NULL,
    needed          INTEGER NOT NULL,
    starts_on       TEXT,
    ends_on         TEXT,
    place           TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('proposed', 'open', 'active', 'completed', 'withdrawn', 'hidden')),
    -- Kept in step with accepted pledges by the store, in the same transaction.
    -- The status an initiative had when it was hidden, restored when a moderator approves it.
    status_before_hidden TEXT,
    coverage        INTEGER NOT NULL DEFAULT 0,
    fulfilled       INTEGER NOT NULL DEFAULT 0,
    report_count    INTEGER NOT NULL DEFAULT 0,
    contact_person  TEXT    NOT NULL,
    contact_email   TEXT,
    contact_phone   TEXT,
    token_hash      BLOB    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX initiatives_region ON initiatives (region, id);
CREATE INDEX initiatives_status ON initiatives (status, region);
CREATE INDEX initiatives_starts ON initiatives (starts_on) WHERE starts_on IS NOT NULL;
CREATE UNIQUE INDEX initiatives_token ON initiatives (token_hash);

-- Full-text search over what people read: title and description. unicode61 folds case and
-- diacritics, which suits Indonesian (no stemming: Indonesian affixes defeat Porter stemmers).
CREATE VIRTUAL TABLE initiatives_fts USING fts5 (
    title, description,
    content = 'initiatives', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Deleting a row removes its words from the index at once instead of leaving them in old
-- segments until a merge: deleted text must not linger in the file.
INSERT INTO initiatives_fts (initiatives_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER initiatives_fts_insert AFTER INSERT ON initiatives BEGIN
    INSERT INTO initiatives_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER initiatives_fts_delete AFTER DELETE ON initiatives BEGIN
    INSERT INTO initiatives_fts (initiatives_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
END;
CREATE TRIGGER initiatives_fts_update AFTER UPDATE OF title, description ON initiatives BEGIN
    INSERT INTO initiatives_fts (initiatives_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO initiatives_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;

CREATE TABLE pledges (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    initiative_id   INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    stakeholder_id  INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    resource        TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX pledges_initiative ON pledges (initiative_id, id);
CREATE INDEX pledges_stakeholder ON pledges (stakeholder_id, id);
-- One live offer of a resource per stakeholder and initiative; a declined or withdrawn one may be
-- offered again.
CREATE UNIQUE INDEX pledges_live ON pledges (initiative_id, stakeholder_id, resource)
    WHERE status IN ('pending', 'accepted');

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind     TEXT    NOT NULL CHECK (target_kind IN ('initiative', 'stakeholder')),
    target_id       INTEGER NOT NULL,
    -- A keyed hash of the reporter's address: enough to count people, not to identify them.
    reporter        BLOB    NOT NULL,
    reason          TEXT    NOT NULL,
    resolved        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL
);
CREATE INDEX reports_target ON reports (target_kind, target_id);
CREATE UNIQUE INDEX reports_one_per_reporter ON reports (target_kind, target_id, reporter) WHERE resolved = 0;

CREATE TABLE admin_tokens (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash      BLOB    NOT NULL UNIQUE,
    label           TEXT    NOT NULL,
    -- Comma-separated region codes the holder may administer (`32.73,36.74`).
    regions         TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    expires_at      TEXT
);

CREATE TABLE flagship_products (
    region          INTEGER PRIMARY KEY,
    product         TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- Responses to POSTs carrying an Idempotency-Key, replayed for 24 hours. A creation's response
-- holds the new manage token, so the body is stored encrypted under a key derived from the
-- Idempotency-Key itself, which only the client knows; the key is stored only as a hash.
CREATE TABLE idempotency_keys (
    key_hash        BLOB    NOT NULL,
    scope           TEXT    NOT NULL, -- method and path
    request_hash    BLOB    NOT NULL,
    status          INTEGER NOT NULL,
    body            BLOB    NOT NULL,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (key_hash, scope)
);
CREATE INDEX idempotency_created ON idempotency_keys (created_at);
