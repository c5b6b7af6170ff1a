-- Adjudicated gold labels: one per sentence, with how it came to be.
CREATE TABLE gold (
  id                INTEGER PRIMARY KEY,
  sentence_id       INTEGER NOT NULL UNIQUE REFERENCES sentences (id) ON DELETE CASCADE,
  status            TEXT    NOT NULL CHECK (status IN ('claims', 'no_claim', 'skipped')),
  method            TEXT    NOT NULL CHECK (method IN ('accepted', 'merged', 'edited', 'unanimous')),
  reviewer_id       INTEGER NOT NULL REFERENCES users (id),
  -- The annotators whose labels the gold label was taken or merged from (JSON array of user ids).
  source_annotators TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(source_annotators) AND json_type(source_annotators) = 'array'),
  rationale         TEXT    CHECK (rationale IS NULL OR length(rationale) <= 4000),
  version           INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL
) STRICT;

-- Gold claims mirror annotation claims (migrations/0001_init.sql): the claim is the same unit.
CREATE TABLE gold_claims (
  id                INTEGER PRIMARY KEY,
  gold_id           INTEGER NOT NULL REFERENCES gold (id) ON DELETE CASCADE,
  position          INTEGER NOT NULL CHECK (position >= 0),
  stance            TEXT    NOT NULL CHECK (length(stance) BETWEEN 1 AND 32),
  speaker_actor_id  INTEGER REFERENCES actors (id),
  speaker_start     INTEGER,
  speaker_end       INTEGER,
  target_actor_id   INTEGER REFERENCES actors (id),
  target_start      INTEGER,
  target_end        INTEGER,
  cue_start         INTEGER,
  cue_end           INTEGER,
  negated           INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  hypothetical      INTEGER NOT NULL DEFAULT 0 CHECK (hypothetical IN (0, 1)),
  origin            TEXT    NOT NULL DEFAULT 'manual',
  UNIQUE (gold_id, position),
  CHECK (speaker_actor_id IS NOT NULL OR speaker_start IS NOT NULL),
  CHECK (target_actor_id IS NOT NULL OR target_start IS NOT NULL),
  CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND (speaker_start IS NULL OR (speaker_start >= 0 AND speaker_end > speaker_start))),
  CHECK ((target_start IS NULL) = (target_end IS NULL) AND (target_start IS NULL OR (target_start >= 0 AND target_end > target_start))),
  CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND (cue_start IS NULL OR (cue_start >= 0 AND cue_end > cue_start)))
) STRICT;
CREATE INDEX gold_claims_speaker_actor ON gold_claims (speaker_actor_id);
CREATE INDEX gold_claims_target_actor ON gold_claims (target_actor_id);
