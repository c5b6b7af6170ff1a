-- A project of 100,000 articles (issue 15): the documents list pages, sorts, filters and searches
-- in the database, and every figure it shows comes from counters kept per document, never from
-- reading every sentence per request.
--
-- Counters are per document (and per document and annotator), never per project: on PostgreSQL
-- every transaction is SERIALIZABLE, and one row that every save updates would make concurrent
-- saves conflict. The triggers below keep them in the transaction of the write that changes them
-- (labels, gold, holds, boilerplate marks, the project's overlap). A new document gets its row from
-- a trigger; the import sets its sentence counts once (server/documents/stats.ts), and a split or
-- merge adjusts them: no trigger per inserted sentence, which would slow an import of 1.3 M sentences.
-- Annotation writes are single-row statements; a trigger counts one label crossing the overlap.

CREATE TABLE document_stats (
  document_id INTEGER NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  -- Every sentence, and the content ones (not boilerplate): the ones that need a label.
  sentences   INTEGER NOT NULL DEFAULT 0 CHECK (sentences >= 0),
  content     INTEGER NOT NULL DEFAULT 0 CHECK (content >= 0),
  -- Content sentences labelled (any status) by at least the project's overlap of annotators.
  labelled    INTEGER NOT NULL DEFAULT 0 CHECK (labelled >= 0),
  -- Content sentences with a gold label.
  gold        INTEGER NOT NULL DEFAULT 0 CHECK (gold >= 0),
  -- Assignments: who took it from the queue, was given it, or labelled in it.
  holders     INTEGER NOT NULL DEFAULT 0 CHECK (holders >= 0)
) STRICT, WITHOUT ROWID;

-- Content sentences each annotator labelled in a document ("mine").
CREATE TABLE document_annotator_stats (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  labelled    INTEGER NOT NULL DEFAULT 0 CHECK (labelled >= 0),
  PRIMARY KEY (document_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_annotator_stats_user ON document_annotator_stats (project_id, user_id, document_id);

-- The status and the progress sort are expressions of the counters, indexed as such; the list's
-- queries spell them exactly so (server/documents/listing.ts).
CREATE INDEX document_stats_status ON document_stats (project_id, (CASE WHEN content > 0 AND gold >= content THEN 'adjudicated' WHEN labelled >= content THEN 'complete' WHEN holders > 0 THEN 'in_progress' ELSE 'unassigned' END), document_id);
CREATE INDEX document_stats_progress ON document_stats (project_id, (CASE WHEN content = 0 THEN 1000000 ELSE labelled * 1000000 / content END), document_id);

-- The list's sorts and the import-date filter (created: import order, i.e. id).
CREATE INDEX documents_project ON documents (project_id, id);
CREATE INDEX documents_title ON documents (project_id, title, id);
CREATE INDEX documents_published ON documents (project_id, (coalesce(published, '')), id);
CREATE INDEX documents_created ON documents (project_id, created_at, id);

INSERT INTO document_stats (document_id, project_id, sentences, content, labelled, gold, holders)
SELECT d.id, d.project_id,
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0),
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0
     AND (SELECT count(*) FROM annotations a WHERE a.sentence_id = s.id) >= (SELECT p.overlap FROM projects p WHERE p.id = d.project_id)),
  (SELECT count(*) FROM sentences s JOIN gold g ON g.sentence_id = s.id WHERE s.document_id = d.id AND s.boilerplate = 0),
  (SELECT count(*) FROM assignments x WHERE x.document_id = d.id)
FROM documents d;

INSERT INTO document_annotator_stats (document_id, user_id, project_id, labelled)
SELECT s.document_id, a.annotator_id, d.project_id, count(*)
FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id
WHERE s.boilerplate = 0
GROUP BY s.document_id, a.annotator_id, d.project_id;

CREATE TRIGGER document_stats_on_document AFTER INSERT ON documents
BEGIN
  INSERT INTO document_stats (document_id, project_id) VALUES (NEW.id, NEW.project_id);
END;

CREATE TRIGGER document_stats_on_label AFTER INSERT ON annotations
BEGIN
  INSERT INTO document_annotator_stats (document_id, user_id, project_id, labelled)
  SELECT s.document_id, NEW.annotator_id, d.project_id, 1
  FROM sentences s JOIN documents d ON d.id = s.document_id
  WHERE s.id = NEW.sentence_id AND s.boilerplate = 0
  ON CONFLICT (document_id, user_id) DO UPDATE SET labelled = labelled + 1;
  UPDATE document_stats SET labelled = labelled + 1
  WHERE document_id = (SELECT s.document_id FROM sentences s WHERE s.id = NEW.sentence_id AND s.boilerplate = 0)
    AND (SELECT count(*) FROM annotations a WHERE a.sentence_id = NEW.sentence_id) = (SELECT p.overlap FROM projects p WHERE p.id = document_stats.project_id);
END;

-- A label taken back (undo). When a document goes, its sentences are gone before their labels:
-- the lookups find nothing, and the document's counters go with it.
CREATE TRIGGER document_stats_on_unlabel AFTER DELETE ON annotations
BEGIN
  UPDATE document_annotator_stats SET labelled = labelled - 1
  WHERE user_id = OLD.annotator_id
    AND document_id = (SELECT s.document_id FROM sentences s WHERE s.id = OLD.sentence_id AND s.boilerplate = 0);
  UPDATE document_stats SET labelled = labelled - 1
  WHERE document_id = (SELECT s.document_id FROM sentences s WHERE s.id = OLD.sentence_id AND s.boilerplate = 0)
    AND (SELECT count(*) FROM annotations a WHERE a.sentence_id = OLD.sentence_id) = (SELECT p.overlap FROM projects p WHERE p.id = document_stats.project_id) - 1;
END;

CREATE TRIGGER document_stats_on_gold AFTER INSERT ON gold
BEGIN
  UPDATE document_stats SET gold = gold + 1
  WHERE document_id = (SELECT s.document_id FROM sentences s WHERE s.id = NEW.sentence_id AND s.boilerplate = 0);
END;

CREATE TRIGGER document_stats_on_gold_removed AFTER DELETE ON gold
BEGIN
  UPDATE document_stats SET gold = gold - 1
  WHERE document_id = (SELECT s.document_id FROM sentences s WHERE s.id = OLD.sentence_id AND s.boilerplate = 0);
END;

CREATE TRIGGER document_stats_on_hold AFTER INSERT ON assignments
BEGIN
  UPDATE document_stats SET holders = holders + 1 WHERE document_id = NEW.document_id;
END;

CREATE TRIGGER document_stats_on_release AFTER DELETE ON assignments
BEGIN
  UPDATE document_stats SET holders = holders - 1 WHERE document_id = OLD.document_id;
END;

-- A sentence marked boilerplate leaves every count it was in; one unmarked joins them.
CREATE TRIGGER document_stats_on_boilerplate AFTER UPDATE OF boilerplate ON sentences
WHEN OLD.boilerplate <> NEW.boilerplate
BEGIN
  UPDATE document_stats SET
    content = content + (OLD.boilerplate - NEW.boilerplate),
    labelled = labelled + (OLD.boilerplate - NEW.boilerplate)
      * ((SELECT count(*) FROM annotations a WHERE a.sentence_id = NEW.id) >= (SELECT p.overlap FROM projects p WHERE p.id = document_stats.project_id)),
    gold = gold + (OLD.boilerplate - NEW.boilerplate) * (SELECT count(*) FROM gold g WHERE g.sentence_id = NEW.id)
  WHERE document_id = NEW.document_id;
  INSERT INTO document_annotator_stats (document_id, user_id, project_id, labelled)
  SELECT NEW.document_id, a.annotator_id, d.project_id, 1
  FROM annotations a JOIN documents d ON d.id = NEW.document_id
  WHERE a.sentence_id = NEW.id AND NEW.boilerplate = 0
  ON CONFLICT (document_id, user_id) DO UPDATE SET labelled = labelled + 1;
  UPDATE document_annotator_stats SET labelled = labelled - 1
  WHERE NEW.boilerplate = 1 AND document_id = NEW.document_id
    AND user_id IN (SELECT a.annotator_id FROM annotations a WHERE a.sentence_id = NEW.id);
END;

-- A new overlap changes which sentences have enough annotators: counted again, in the project
-- update's transaction, for the documents anyone labelled in (the others have none either way).
CREATE TRIGGER document_stats_on_overlap AFTER UPDATE OF overlap ON projects
WHEN OLD.overlap <> NEW.overlap
BEGIN
  UPDATE document_stats SET labelled = (
    SELECT count(*) FROM sentences s
    WHERE s.document_id = document_stats.document_id AND s.boilerplate = 0
      AND (SELECT count(*) FROM annotations a WHERE a.sentence_id = s.id) >= NEW.overlap)
  WHERE project_id = NEW.id
    AND document_id IN (SELECT m.document_id FROM document_annotator_stats m WHERE m.project_id = NEW.id);
END;

-- Full-text search of titles and sources (FTS5, external content: the text stays in documents).
-- Diacritics are kept, as PostgreSQL's built-in 'simple' configuration keeps them.
CREATE VIRTUAL TABLE documents_search USING fts5 (
  title, source, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO documents_search (documents_search) VALUES ('rebuild');

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents
BEGIN
  INSERT INTO documents_search (rowid, title, source) VALUES (NEW.id, NEW.title, NEW.source);
END;
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents
BEGIN
  INSERT INTO documents_search (documents_search, rowid, title, source) VALUES ('delete', OLD.id, OLD.title, OLD.source);
END;
CREATE TRIGGER documents_search_update AFTER UPDATE OF title, source ON documents
BEGIN
  INSERT INTO documents_search (documents_search, rowid, title, source) VALUES ('delete', OLD.id, OLD.title, OLD.source);
  INSERT INTO documents_search (rowid, title, source) VALUES (NEW.id, NEW.title, NEW.source);
END;
