-- Export pseudonyms ("annotator-3", "reviewer-1") are stored per project and never renumbered.
-- Before this table they were numbered by account age at every export, so an older account that
-- labelled for the first time renumbered everyone and rewrote gold sources in the next export.
CREATE TABLE pseudonyms (
  project_id BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    BIGINT  NOT NULL REFERENCES users (id),
  kind       TEXT    NOT NULL CHECK (kind IN ('annotator', 'reviewer')),
  number     BIGINT  NOT NULL CHECK (number >= 1),
  created_at TEXT    NOT NULL,
  PRIMARY KEY (project_id, user_id, kind),
  -- Two writers that pick the same next number cannot both commit: one fails and retries.
  UNIQUE (project_id, kind, number)
);

-- The current time as the application writes it (`new Date().toISOString()`, SQLite's
-- strftime('%Y-%m-%dT%H:%M:%fZ', 'now')): UTC, milliseconds, a Z.
CREATE FUNCTION parley_utc_now() RETURNS text
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Existing labellers keep the numbers exports gave them until now: per project, by account age
-- (user id), annotators among annotators and reviewers among reviewers. Gold sources that never
-- labelled (exported as a bare "annotator" until now) come after them.
INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
SELECT project_id, user_id, 'annotator', row_number() OVER (PARTITION BY project_id ORDER BY user_id), parley_utc_now()
FROM (SELECT DISTINCT d.project_id, a.annotator_id AS user_id
      FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id) AS labellers;

INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
SELECT project_id, user_id, 'annotator',
  (SELECT coalesce(max(p.number), 0) FROM pseudonyms p WHERE p.project_id = sources.project_id AND p.kind = 'annotator')
    + row_number() OVER (PARTITION BY project_id ORDER BY user_id),
  parley_utc_now()
FROM (SELECT DISTINCT d.project_id, CAST(j.value AS BIGINT) AS user_id
      FROM gold g JOIN sentences s ON s.id = g.sentence_id JOIN documents d ON d.id = s.document_id,
           json_array_elements_text(CAST(g.source_annotators AS json)) AS j(value)
      WHERE NOT EXISTS (SELECT 1 FROM pseudonyms p WHERE p.project_id = d.project_id AND p.user_id = CAST(j.value AS BIGINT) AND p.kind = 'annotator')) AS sources;

INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
SELECT project_id, user_id, 'reviewer', row_number() OVER (PARTITION BY project_id ORDER BY user_id), parley_utc_now()
FROM (SELECT DISTINCT d.project_id, g.reviewer_id AS user_id
      FROM gold g JOIN sentences s ON s.id = g.sentence_id JOIN documents d ON d.id = s.document_id) AS reviewers;

-- From now on a pseudonym is given in the transaction of the write that first needs it: a user's
-- first label in the project, or the first gold label naming them as reviewer or source. Triggers,
-- so that every writer (saves, unanimous acceptance, import-annotations, scripts) gives them the
-- same way and an export only reads. The next number is max + 1; the UNIQUE above keeps two
-- concurrent writers from sharing one (no ON CONFLICT DO NOTHING: a collision must fail with
-- unique_violation, not drop the pseudonym). Row triggers AFTER the statement's rows, each seeing
-- the pseudonyms the ones before it gave, as SQLite's do.
CREATE FUNCTION pseudonym_for_annotation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
  SELECT d.project_id, NEW.annotator_id, 'annotator',
    (SELECT coalesce(max(p.number), 0) + 1 FROM pseudonyms p WHERE p.project_id = d.project_id AND p.kind = 'annotator'),
    parley_utc_now()
  FROM sentences s JOIN documents d ON d.id = s.document_id
  WHERE s.id = NEW.sentence_id
    AND NOT EXISTS (SELECT 1 FROM pseudonyms p WHERE p.project_id = d.project_id AND p.user_id = NEW.annotator_id AND p.kind = 'annotator');
  RETURN NULL;
END
$$;
CREATE TRIGGER pseudonym_for_annotation AFTER INSERT ON annotations
FOR EACH ROW EXECUTE FUNCTION pseudonym_for_annotation();

-- Gold names a reviewer and source annotators (who normally labelled the sentence, so already have
-- one; an imported gold-only file has sources that did not). Sources are numbered in list order.
-- One function for both gold triggers: they do the same for a new and for a changed gold label.
CREATE FUNCTION pseudonyms_for_gold() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
  SELECT d.project_id, NEW.reviewer_id, 'reviewer',
    (SELECT coalesce(max(p.number), 0) + 1 FROM pseudonyms p WHERE p.project_id = d.project_id AND p.kind = 'reviewer'),
    parley_utc_now()
  FROM sentences s JOIN documents d ON d.id = s.document_id
  WHERE s.id = NEW.sentence_id
    AND NOT EXISTS (SELECT 1 FROM pseudonyms p WHERE p.project_id = d.project_id AND p.user_id = NEW.reviewer_id AND p.kind = 'reviewer');
  INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
  SELECT project_id, user_id, 'annotator',
    (SELECT coalesce(max(p.number), 0) FROM pseudonyms p WHERE p.project_id = missing.project_id AND p.kind = 'annotator')
      + row_number() OVER (ORDER BY first_key),
    parley_utc_now()
  FROM (SELECT d.project_id, CAST(j.value AS BIGINT) AS user_id, min(j.key) AS first_key
        FROM sentences s JOIN documents d ON d.id = s.document_id,
             json_array_elements_text(CAST(NEW.source_annotators AS json)) WITH ORDINALITY AS j(value, key)
        WHERE s.id = NEW.sentence_id
          AND NOT EXISTS (SELECT 1 FROM pseudonyms p WHERE p.project_id = d.project_id AND p.user_id = CAST(j.value AS BIGINT) AND p.kind = 'annotator')
        GROUP BY d.project_id, CAST(j.value AS BIGINT)) AS missing;
  RETURN NULL;
END
$$;
CREATE TRIGGER pseudonyms_for_new_gold AFTER INSERT ON gold
FOR EACH ROW EXECUTE FUNCTION pseudonyms_for_gold();
CREATE TRIGGER pseudonyms_for_changed_gold AFTER UPDATE OF reviewer_id, source_annotators ON gold
FOR EACH ROW EXECUTE FUNCTION pseudonyms_for_gold();

-- Every pseudonym given after this migration is in the audit log (given by the database, so no user).
-- The `after` text is built to be byte for byte what SQLite's json_object() writes.
CREATE FUNCTION pseudonym_given() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (at, user_id, project_id, action, entity, entity_id, before, after)
  VALUES (NEW.created_at, NULL, NEW.project_id, 'create', 'pseudonym', NEW.user_id, NULL,
          '{"userId":' || NEW.user_id || ',"kind":' || to_json(NEW.kind)::text || ',"number":' || NEW.number
            || ',"pseudonym":' || to_json(NEW.kind || '-' || NEW.number)::text || '}');
  RETURN NULL;
END
$$;
CREATE TRIGGER pseudonym_given AFTER INSERT ON pseudonyms
FOR EACH ROW EXECUTE FUNCTION pseudonym_given();
