-- Versions never start over (issue 12, item 6). A label taken back (DELETE, the workspace's undo)
-- leaves its last version here, and the next label of that sentence by that annotator continues
-- from it: a version number never names two different labels, so a tab still holding version N
-- gets 409 instead of silently overwriting a newer label that had restarted at N. The row exists
-- only while the annotator has no label on the sentence.
CREATE TABLE annotation_tombstones (
  sentence_id  BIGINT  NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
  annotator_id BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  version      BIGINT  NOT NULL CHECK (version >= 1),
  PRIMARY KEY (sentence_id, annotator_id)
);
