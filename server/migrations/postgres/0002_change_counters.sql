-- A counter per table that matching reads whole, bumped by every change that matters to
-- matching, so each server process can keep the features in memory and reload them only when
-- the counter moved. Statement-level triggers: one bump per statement, however many rows.
CREATE TABLE change_counters (
    name    TEXT   PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO change_counters (name, version) VALUES ('stakeholders', 0), ('initiatives', 0);

CREATE FUNCTION bump_change_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = TG_TABLE_NAME;
    RETURN NULL;
END;
$$;

CREATE TRIGGER stakeholders_counted
    AFTER INSERT OR DELETE OR UPDATE OF helix, region, subsectors, offers, verified ON stakeholders
    FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter();
CREATE TRIGGER initiatives_counted
    AFTER INSERT OR DELETE OR UPDATE OF region, subsectors, needs, needed, status, coverage, fulfilled ON initiatives
    FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter();
