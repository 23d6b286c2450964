-- A counter per table that matching reads whole, bumped by every change that matters to
-- matching, so each server process can keep the features in memory and reload them only when
-- the counter moved (one indexed read per request instead of 100,000 rows).
CREATE TABLE change_counters (
    name    TEXT    PRIMARY KEY,
    version INTEGER NOT NULL
);
INSERT INTO change_counters (name, version) VALUES ('stakeholders', 0), ('initiatives', 0);

CREATE TRIGGER stakeholders_counted_insert AFTER INSERT ON stakeholders BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'stakeholders';
END;
CREATE TRIGGER stakeholders_counted_update AFTER UPDATE OF helix, region, subsectors, offers, verified ON stakeholders BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'stakeholders';
END;
CREATE TRIGGER stakeholders_counted_delete AFTER DELETE ON stakeholders BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'stakeholders';
END;
CREATE TRIGGER initiatives_counted_insert AFTER INSERT ON initiatives BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'initiatives';
END;
CREATE TRIGGER initiatives_counted_update AFTER UPDATE OF region, subsectors, needs, needed, status, coverage, fulfilled ON initiatives BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'initiatives';
END;
CREATE TRIGGER initiatives_counted_delete AFTER DELETE ON initiatives BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'initiatives';
END;
