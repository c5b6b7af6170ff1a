-- Who holds which document. A row is created when an annotator takes a document from the queue,
-- when an admin assigns it, or when someone saves their first label in it.
CREATE TABLE assignments (
  document_id      BIGINT  NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id          BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  project_id       BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  assigned_at      TEXT    NOT NULL,
  -- NULL: taken from the queue (or by labelling); otherwise the admin who assigned it.
  assigned_by      BIGINT  REFERENCES users (id),
  -- The last label saved in this document by this user; NULL while untouched.
  last_activity_at TEXT,
  PRIMARY KEY (document_id, user_id)
);
CREATE INDEX assignments_project_user ON assignments (project_id, user_id);

-- Hours an untouched assignment is held before the document returns to the pool.
ALTER TABLE projects ADD COLUMN hold_hours BIGINT NOT NULL DEFAULT 72 CHECK (hold_hours BETWEEN 1 AND 8760);
