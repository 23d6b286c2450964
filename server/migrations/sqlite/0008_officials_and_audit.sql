-- Named officials, the category of a report, and the audit trail of what officials did.

-- An address invited to work some regions' queue (`admin invite`). The address is kept in the
-- form sign-in compares (`email_key`), so a session finds its grants through the index.
CREATE TABLE officials (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT    NOT NULL,
    region      INTEGER NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('moderator', 'manager')),
    created_at  TEXT    NOT NULL
);
CREATE UNIQUE INDEX officials_email_region ON officials (email, region);

ALTER TABLE reports ADD COLUMN category TEXT NOT NULL DEFAULT 'other';

-- Append-only: the triggers below refuse every change and deletion, whatever asks. `before` and
-- `after` hold a record's public fields as JSON, never its contact.
CREATE TABLE audit_trail (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target_kind TEXT    NOT NULL,
    target_id   INTEGER NOT NULL,
    region      INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    before      TEXT,
    after       TEXT,
    reason      TEXT    NOT NULL
);
CREATE INDEX audit_trail_region ON audit_trail (region, id);
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
