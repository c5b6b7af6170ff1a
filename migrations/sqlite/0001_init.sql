-- Parley's first schema. STRICT tables; the database itself enforces the rules it can
-- (roles, statuses, offsets, one annotation per sentence and annotator, append-only events).

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  password_hash TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('admin', 'reviewer', 'annotator')),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT    NOT NULL
) STRICT;

-- Only a hash of each session token is stored: a stolen database does not yield live sessions.
CREATE TABLE sessions (
  token_hash   TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   TEXT    NOT NULL,
  last_seen_at TEXT    NOT NULL,
  expires_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE projects (
  id               INTEGER PRIMARY KEY,
  name             TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  -- [{key, name, colour, definition}], validated by the shared zod schema before it is written.
  stance_labels    TEXT    NOT NULL CHECK (json_valid(stance_labels) AND json_array_length(stance_labels) BETWEEN 1 AND 9),
  overlap          INTEGER NOT NULL DEFAULT 2 CHECK (overlap BETWEEN 1 AND 20),
  codebook         TEXT    NOT NULL DEFAULT '',
  codebook_version INTEGER NOT NULL DEFAULT 1 CHECK (codebook_version >= 1),
  version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL
) STRICT;

CREATE TABLE project_members (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at   TEXT    NOT NULL,
  PRIMARY KEY (project_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_members_user ON project_members (user_id);

CREATE TABLE actors (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind       TEXT    NOT NULL CHECK (kind IN ('state', 'organization', 'person', 'group', 'issue')),
  code       TEXT    CHECK (code IS NULL OR length(code) BETWEEN 1 AND 32),
  aliases    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  parent_id  INTEGER REFERENCES actors (id) ON DELETE SET NULL CHECK (parent_id IS NULL OR parent_id <> id),
  -- An annotator's new actor is 'proposed' until an admin accepts it.
  status     TEXT    NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'proposed')),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL,
  UNIQUE (project_id, name)
) STRICT;

CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  source      TEXT,
  published   TEXT,
  -- The original text, never modified: every offset in the product points into it.
  text        TEXT    NOT NULL CHECK (length(text) >= 1),
  -- Length in UTF-16 code units (JavaScript string length): span checks without loading the text.
  text_length INTEGER NOT NULL CHECK (text_length >= 1),
  text_sha256 TEXT    NOT NULL CHECK (length(text_sha256) = 64),
  meta        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(meta) AND json_type(meta) = 'object'),
  segmenter   TEXT    NOT NULL,
  created_by  INTEGER REFERENCES users (id),
  created_at  TEXT    NOT NULL,
  UNIQUE (project_id, text_sha256)
) STRICT;

CREATE TABLE sentences (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL CHECK (idx >= 0),
  paragraph   INTEGER NOT NULL CHECK (paragraph >= 0),
  start       INTEGER NOT NULL CHECK (start >= 0),
  "end"       INTEGER NOT NULL CHECK ("end" > start),
  boilerplate INTEGER NOT NULL DEFAULT 0 CHECK (boilerplate IN (0, 1)),
  UNIQUE (document_id, idx)
) STRICT;

CREATE TABLE annotations (
  id            INTEGER PRIMARY KEY,
  sentence_id   INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
  annotator_id  INTEGER NOT NULL REFERENCES users (id),
  status        TEXT    NOT NULL CHECK (status IN ('claims', 'no_claim', 'skipped')),
  note          TEXT    CHECK (note IS NULL OR length(note) <= 2000),
  -- Optimistic concurrency: a save names the version it started from.
  version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  time_spent_ms INTEGER NOT NULL DEFAULT 0 CHECK (time_spent_ms >= 0),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  UNIQUE (sentence_id, annotator_id)
) STRICT;
CREATE INDEX annotations_annotator ON annotations (annotator_id);

-- A claim is one row: speaker, stance and target travel together. Spans are document offsets.
CREATE TABLE claims (
  id                INTEGER PRIMARY KEY,
  annotation_id     INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
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
  -- 'manual', or the suggestion that proposed it (e.g. 'suggestion:cue').
  origin            TEXT    NOT NULL DEFAULT 'manual',
  UNIQUE (annotation_id, position),
  CHECK (speaker_actor_id IS NOT NULL OR speaker_start IS NOT NULL),
  CHECK (target_actor_id IS NOT NULL OR target_start IS NOT NULL),
  CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND (speaker_start IS NULL OR (speaker_start >= 0 AND speaker_end > speaker_start))),
  CHECK ((target_start IS NULL) = (target_end IS NULL) AND (target_start IS NULL OR (target_start >= 0 AND target_end > target_start))),
  CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND (cue_start IS NULL OR (cue_start >= 0 AND cue_end > cue_start)))
) STRICT;
CREATE INDEX claims_speaker_actor ON claims (speaker_actor_id);
CREATE INDEX claims_target_actor ON claims (target_actor_id);

-- The audit log: every write, who, when, before and after. Append-only, enforced below.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  at         TEXT    NOT NULL,
  user_id    INTEGER REFERENCES users (id),
  project_id INTEGER,
  action     TEXT    NOT NULL,
  entity     TEXT    NOT NULL,
  entity_id  INTEGER,
  before     TEXT    CHECK (before IS NULL OR json_valid(before)),
  after      TEXT    CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX events_entity ON events (entity, entity_id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
