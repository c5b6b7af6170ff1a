-- A counter per project that moves with every change to its actor registry (an actor added,
-- edited, merged or deleted), maintained by the database itself: whatever is compiled from the
-- registry (the matcher that links spans to actors on every save) can be kept while it holds, and
-- is rebuilt the moment it does not, in this process or any other on the same database.
ALTER TABLE projects ADD COLUMN actors_version INTEGER NOT NULL DEFAULT 0 CHECK (actors_version >= 0);

CREATE TRIGGER actors_version_on_insert AFTER INSERT ON actors
BEGIN UPDATE projects SET actors_version = actors_version + 1 WHERE id = NEW.project_id; END;
CREATE TRIGGER actors_version_on_update AFTER UPDATE ON actors
BEGIN UPDATE projects SET actors_version = actors_version + 1 WHERE id IN (OLD.project_id, NEW.project_id); END;
CREATE TRIGGER actors_version_on_delete AFTER DELETE ON actors
BEGIN UPDATE projects SET actors_version = actors_version + 1 WHERE id = OLD.project_id; END;
