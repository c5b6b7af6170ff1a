-- Where an accepted suggestion came from, besides its source (origin 'suggestion:<source>'): the
-- model and version that proposed it and its score, so a dataset can tell which machine did the
-- first pass (issue 16). Both stay NULL for manual claims and for claims saved before this.
ALTER TABLE claims ADD COLUMN origin_model TEXT CHECK (origin_model IS NULL OR length(origin_model) BETWEEN 1 AND 100);
ALTER TABLE claims ADD COLUMN origin_score REAL CHECK (origin_score IS NULL OR (origin_score >= 0 AND origin_score <= 1));
ALTER TABLE gold_claims ADD COLUMN origin_model TEXT CHECK (origin_model IS NULL OR length(origin_model) BETWEEN 1 AND 100);
ALTER TABLE gold_claims ADD COLUMN origin_score REAL CHECK (origin_score IS NULL OR (origin_score >= 0 AND origin_score <= 1));

-- A model's predicted claims, imported by export record id (POST /api/projects/:projectId/predictions,
-- the CLI's import-predictions). They are suggestions of source 'model' (GET
-- /api/documents/:documentId/suggestions), never labels: annotation stays blind. Importing a model
-- again replaces all its predictions in the project. A deleted sentence or actor takes its predictions along.
CREATE TABLE predictions (
  id                INTEGER PRIMARY KEY,
  project_id        INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  model             TEXT    NOT NULL CHECK (length(model) BETWEEN 1 AND 100),
  sentence_id       INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
  position          INTEGER NOT NULL CHECK (position >= 0),
  stance            TEXT    NOT NULL CHECK (length(stance) BETWEEN 1 AND 32),
  speaker_actor_id  INTEGER REFERENCES actors (id) ON DELETE CASCADE,
  speaker_start     INTEGER,
  speaker_end       INTEGER,
  target_actor_id   INTEGER REFERENCES actors (id) ON DELETE CASCADE,
  target_start      INTEGER,
  target_end        INTEGER,
  cue_start         INTEGER,
  cue_end           INTEGER,
  negated           INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  hypothetical      INTEGER NOT NULL DEFAULT 0 CHECK (hypothetical IN (0, 1)),
  score             REAL    CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
  imported_at       TEXT    NOT NULL,
  UNIQUE (model, sentence_id, position),
  CHECK (speaker_actor_id IS NOT NULL OR speaker_start IS NOT NULL),
  CHECK (target_actor_id IS NOT NULL OR target_start IS NOT NULL),
  CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND (speaker_start IS NULL OR (speaker_start >= 0 AND speaker_end > speaker_start))),
  CHECK ((target_start IS NULL) = (target_end IS NULL) AND (target_start IS NULL OR (target_start >= 0 AND target_end > target_start))),
  CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND (cue_start IS NULL OR (cue_start >= 0 AND cue_end > cue_start)))
) STRICT;
CREATE INDEX predictions_sentence ON predictions (sentence_id);
CREATE INDEX predictions_project_model ON predictions (project_id, model);
CREATE INDEX predictions_speaker_actor ON predictions (speaker_actor_id);
CREATE INDEX predictions_target_actor ON predictions (target_actor_id);
