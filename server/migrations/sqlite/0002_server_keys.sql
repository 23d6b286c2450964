-- Random keys every server process of a deployment must share (the reporter hash's key), made
-- once by the first process that needs one. Kept in the database so reports are counted per
-- person across restarts, and across processes on PostgreSQL.
CREATE TABLE server_keys (
    name            TEXT    PRIMARY KEY,
    key             BLOB    NOT NULL,
    created_at      TEXT    NOT NULL
);
