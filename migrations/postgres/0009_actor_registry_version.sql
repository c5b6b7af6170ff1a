-- A counter per project that moves with every change to its actor registry (an actor added,
-- edited, merged or deleted), maintained by the database itself: whatever is compiled from the
-- registry (the matcher that links spans to actors on every save) can be kept while it holds, and
-- is rebuilt the moment it does not, in this process or any other on the same database.
ALTER TABLE projects ADD COLUMN actors_version BIGINT NOT NULL DEFAULT 0 CHECK (actors_version >= 0);

CREATE FUNCTION actors_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE projects SET actors_version = actors_version + 1 WHERE id = NEW.project_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE projects SET actors_version = actors_version + 1 WHERE id IN (OLD.project_id, NEW.project_id);
  ELSE
    UPDATE projects SET actors_version = actors_version + 1 WHERE id = OLD.project_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER actors_version_on_insert AFTER INSERT ON actors
FOR EACH ROW EXECUTE FUNCTION actors_version_bump();
CREATE TRIGGER actors_version_on_update AFTER UPDATE ON actors
FOR EACH ROW EXECUTE FUNCTION actors_version_bump();
CREATE TRIGGER actors_version_on_delete AFTER DELETE ON actors
FOR EACH ROW EXECUTE FUNCTION actors_version_bump();
