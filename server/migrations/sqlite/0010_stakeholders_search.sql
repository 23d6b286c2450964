-- Substring search over partners' names and descriptions (`GET /stakeholders?q=`). `LIKE '%…%'`
-- read every partner of the city for each search; the trigram tokenizer indexes every three
-- characters, so a phrase query finds a substring of three or more through the index, as
-- PostgreSQL's trigram indexes serve `ILIKE`. External content: the text is not stored twice.
CREATE VIRTUAL TABLE stakeholders_fts USING fts5 (
    name, description,
    content = 'stakeholders', content_rowid = 'id',
    tokenize = 'trigram'
);
-- As for initiatives_fts: a deleted partner's text leaves the index at once.
INSERT INTO stakeholders_fts (stakeholders_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER stakeholders_fts_insert AFTER INSERT ON stakeholders BEGIN
    INSERT INTO stakeholders_fts (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER stakeholders_fts_delete AFTER DELETE ON stakeholders BEGIN
    INSERT INTO stakeholders_fts (stakeholders_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
END;
CREATE TRIGGER stakeholders_fts_update AFTER UPDATE OF name, description ON stakeholders BEGIN
    INSERT INTO stakeholders_fts (stakeholders_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
    INSERT INTO stakeholders_fts (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
INSERT INTO stakeholders_fts (stakeholders_fts) VALUES ('rebuild');
