-- Sign-in by email code, sessions, the outbox of notifications and each address's mail settings.

-- A session manages every record whose contact email is its address, compared case-blind.
CREATE INDEX initiatives_contact_email ON initiatives (lower(contact_email));
CREATE INDEX stakeholders_contact_email ON stakeholders (lower(contact_email));

-- One live code per address: asking again replaces it. Only the code's hash is kept.
CREATE TABLE email_codes (
    email       TEXT    PRIMARY KEY,
    code_hash   BLOB    NOT NULL,
    tries_left  INTEGER NOT NULL,
    expires_at  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  BLOB    NOT NULL,
    email       TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
);
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CREATE INDEX sessions_email ON sessions (email);

-- An address's language and the kinds of notification it turned off (` pledge_offered `…).
CREATE TABLE mail_settings (
    email       TEXT    PRIMARY KEY,
    lang        TEXT    NOT NULL,
    muted       TEXT    NOT NULL DEFAULT '',
    updated_at  TEXT    NOT NULL
);

-- Written in the transaction of the event that causes it, sent by a worker of any server
-- process: a row is claimed until `claimed_until`, so a process killed mid-delivery only delays
-- it. `message_id` is made once, so a retried message is recognisably the same one.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subject_id      INTEGER NOT NULL,
    region          INTEGER NOT NULL,
    message_id      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    claimed_until   TEXT,
    sent_at         TEXT,
    failed_at       TEXT,
    last_error      TEXT,
    created_at      TEXT    NOT NULL
);
CREATE UNIQUE INDEX outbox_message ON outbox (message_id);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
