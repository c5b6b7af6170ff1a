-- Lists of a project of 100,000 documents (issue 15) read maintained state, never every label.
--
-- Who has labelled in each document: with the assignments, the "holders" the queue counts against
-- the overlap (a holder whose hold was released still counts while their labels are there). One row
-- per document and annotator, so concurrent saves of different annotators never write one row.
CREATE TABLE document_annotators (
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  project_id  BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, user_id)
);
CREATE INDEX document_annotators_project ON document_annotators (project_id, document_id);
CREATE INDEX document_annotators_user ON document_annotators (project_id, user_id, document_id);

INSERT INTO document_annotators (document_id, user_id, project_id)
SELECT DISTINCT s.document_id, a.annotator_id, d.project_id
FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id;

CREATE FUNCTION document_annotators_on_label() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_annotators (document_id, user_id, project_id)
  SELECT s.document_id, NEW.annotator_id, d.project_id FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = NEW.sentence_id
  ON CONFLICT (document_id, user_id) DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER document_annotators_on_label AFTER INSERT ON annotations
FOR EACH ROW EXECUTE FUNCTION document_annotators_on_label();

-- The annotator's last label in the document taken back: they no longer count there.
CREATE FUNCTION document_annotators_on_unlabel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM document_annotators
  WHERE user_id = OLD.annotator_id
    AND document_id = (SELECT s.document_id FROM sentences s WHERE s.id = OLD.sentence_id)
    AND NOT EXISTS (SELECT 1 FROM sentences s JOIN annotations a ON a.sentence_id = s.id AND a.annotator_id = OLD.annotator_id
                    WHERE s.document_id = document_annotators.document_id);
  RETURN NULL;
END
$$;
CREATE TRIGGER document_annotators_on_unlabel AFTER DELETE ON annotations
FOR EACH ROW EXECUTE FUNCTION document_annotators_on_unlabel();

-- The disagreement queue: one row per sentence whose annotators differ, with the figures the queue
-- shows, or per labelled sentence whose labels changed since (stale). Triggers mark a sentence stale
-- in the transaction of every label write; the queue computes the stale ones again (the same code
-- as ever, on those sentences only) before it reads a page, and drops the sentences that agree.
-- A sentence's row is written by that sentence's writers only: no row every save updates.
-- `fields` is a bit set in DisagreementField order (status 1, speaker 2, stance 4, target 8, flags 16).
CREATE TABLE sentence_disagreements (
  sentence_id BIGINT NOT NULL PRIMARY KEY REFERENCES sentences (id) ON DELETE CASCADE,
  project_id  BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- Copies of the sentence's place and boilerplate mark (kept by triggers), for the queue's index.
  idx         BIGINT NOT NULL CHECK (idx >= 0),
  boilerplate BIGINT NOT NULL CHECK (boilerplate IN (0, 1)),
  stale       BIGINT NOT NULL DEFAULT 1 CHECK (stale IN (0, 1)),
  annotators  BIGINT NOT NULL DEFAULT 0 CHECK (annotators >= 0),
  fields      BIGINT NOT NULL DEFAULT 0 CHECK (fields >= 0),
  field_count BIGINT NOT NULL DEFAULT 0 CHECK (field_count >= 0),
  dispute     DOUBLE PRECISION NOT NULL DEFAULT 0,
  resolved    BIGINT NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
);
CREATE INDEX sentence_disagreements_stale ON sentence_disagreements (project_id, stale);
CREATE INDEX sentence_disagreements_dispute ON sentence_disagreements (project_id, dispute, field_count, document_id, idx);
CREATE INDEX sentence_disagreements_position ON sentence_disagreements (project_id, document_id, idx);

-- Every labelled sentence is stale: the first queue read computes them (as every read did before).
INSERT INTO sentence_disagreements (sentence_id, project_id, document_id, idx, boilerplate)
SELECT s.id, d.project_id, s.document_id, s.idx, s.boilerplate
FROM sentences s JOIN documents d ON d.id = s.document_id
WHERE EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id);

-- One function for a new and a changed label (every change of a label's claims comes with an
-- update of its row: the version moves), one for a label taken back.
CREATE FUNCTION sentence_disagreements_on_label() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sentence_disagreements (sentence_id, project_id, document_id, idx, boilerplate)
  SELECT s.id, d.project_id, s.document_id, s.idx, s.boilerplate FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = NEW.sentence_id
  ON CONFLICT (sentence_id) DO UPDATE SET stale = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER sentence_disagreements_on_label AFTER INSERT ON annotations
FOR EACH ROW EXECUTE FUNCTION sentence_disagreements_on_label();
CREATE TRIGGER sentence_disagreements_on_relabel AFTER UPDATE ON annotations
FOR EACH ROW EXECUTE FUNCTION sentence_disagreements_on_label();

CREATE FUNCTION sentence_disagreements_on_unlabel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sentence_disagreements SET stale = 1 WHERE sentence_id = OLD.sentence_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER sentence_disagreements_on_unlabel AFTER DELETE ON annotations
FOR EACH ROW EXECUTE FUNCTION sentence_disagreements_on_unlabel();

-- Gold does not change how annotators differ, only whether the sentence is resolved.
CREATE FUNCTION sentence_disagreements_on_gold() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE sentence_disagreements SET resolved = 1 WHERE sentence_id = NEW.sentence_id;
  ELSE
    UPDATE sentence_disagreements SET resolved = 0 WHERE sentence_id = OLD.sentence_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sentence_disagreements_on_gold AFTER INSERT ON gold
FOR EACH ROW EXECUTE FUNCTION sentence_disagreements_on_gold();
CREATE TRIGGER sentence_disagreements_on_gold_removed AFTER DELETE ON gold
FOR EACH ROW EXECUTE FUNCTION sentence_disagreements_on_gold();

CREATE FUNCTION sentence_disagreements_on_sentence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sentence_disagreements SET idx = NEW.idx, boilerplate = NEW.boilerplate WHERE sentence_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER sentence_disagreements_on_sentence AFTER UPDATE OF idx, boilerplate ON sentences
FOR EACH ROW EXECUTE FUNCTION sentence_disagreements_on_sentence();

-- The assignments list's sorts and filters.
CREATE INDEX assignments_project_assigned ON assignments (project_id, assigned_at, document_id, user_id);
CREATE INDEX assignments_project_activity ON assignments (project_id, (coalesce(last_activity_at, '')), document_id, user_id);
-- The queue's count of the documents there are to label (content > 0) from an index alone.
CREATE INDEX document_stats_content ON document_stats (project_id, content);
-- The registry's kind sort and filter (the name sort has UNIQUE (project_id, name)).
CREATE INDEX actors_project_kind ON actors (project_id, kind, name);
