-- The unanimous count (issue 15) from maintained state, never from every label of the project.
--
-- One row per sentence whose annotators (two or more) all gave the same label, not a skip: the
-- sentences "accept unanimous" makes gold of, while resolved = 0. Written by the refresh of the
-- disagreement state (server/review/state.ts), which compares every sentence whose labels changed;
-- a label taken back marks the row stale here (the sentence had no disagreement row to mark).
CREATE TABLE sentence_unanimous (
  sentence_id INTEGER NOT NULL PRIMARY KEY REFERENCES sentences (id) ON DELETE CASCADE,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- Copies of the sentence's boilerplate mark and of whether it has gold (kept by triggers).
  boilerplate INTEGER NOT NULL CHECK (boilerplate IN (0, 1)),
  resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
  stale       INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))
) STRICT, WITHOUT ROWID;
-- The count (project, or one document) from the index alone.
CREATE INDEX sentence_unanimous_open ON sentence_unanimous (project_id, resolved, boilerplate, stale, document_id);
CREATE INDEX sentence_unanimous_stale ON sentence_unanimous (project_id, stale);

-- Every labelled sentence is compared again at the next read, which fills the table.
INSERT INTO sentence_disagreements (sentence_id, project_id, document_id, idx, boilerplate)
SELECT s.id, d.project_id, s.document_id, s.idx, s.boilerplate
FROM sentences s JOIN documents d ON d.id = s.document_id
WHERE EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id)
ON CONFLICT (sentence_id) DO UPDATE SET stale = 1;

CREATE TRIGGER sentence_unanimous_on_unlabel AFTER DELETE ON annotations
BEGIN
  UPDATE sentence_unanimous SET stale = 1 WHERE sentence_id = OLD.sentence_id;
END;
CREATE TRIGGER sentence_unanimous_on_gold AFTER INSERT ON gold
BEGIN
  UPDATE sentence_unanimous SET resolved = 1 WHERE sentence_id = NEW.sentence_id;
END;
CREATE TRIGGER sentence_unanimous_on_gold_removed AFTER DELETE ON gold
BEGIN
  UPDATE sentence_unanimous SET resolved = 0 WHERE sentence_id = OLD.sentence_id;
END;
CREATE TRIGGER sentence_unanimous_on_sentence AFTER UPDATE OF boilerplate ON sentences
BEGIN
  UPDATE sentence_unanimous SET boilerplate = NEW.boilerplate WHERE sentence_id = NEW.id;
END;
