-- An initiative's owner inviting a suggested partner. One invitation per partner and
-- initiative: asking again would only repeat the mail.
CREATE TABLE invitations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    initiative_id   INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    stakeholder_id  INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    message         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'answered', 'declined')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE UNIQUE INDEX invitations_pair ON invitations (initiative_id, stakeholder_id);
CREATE INDEX invitations_stakeholder ON invitations (stakeholder_id, id);
