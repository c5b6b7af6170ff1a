-- The import of 100,000 articles on PostgreSQL (issue 15): a new document's counter row (0011) and
-- its title words (0015) are written once per INSERT statement, from the statement's new rows (a
-- transition table), instead of once per row. The import inserts 64 documents per statement: per
-- row, each trigger ran its INSERT as a statement of its own (planned, started, ended), which made
-- the two triggers cost twice what the documents' own rows and indexes cost. The rows they write
-- are the same, and so is when: at the end of the INSERT, in its transaction. SQLite has only row
-- triggers: its 0020 changes nothing.

CREATE OR REPLACE FUNCTION document_stats_on_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_stats (document_id, project_id) SELECT n.id, n.project_id FROM new_documents n;
  RETURN NULL;
END
$$;
DROP TRIGGER document_stats_on_document ON documents;
CREATE TRIGGER document_stats_on_document AFTER INSERT ON documents REFERENCING NEW TABLE AS new_documents
FOR EACH STATEMENT EXECUTE FUNCTION document_stats_on_document();

CREATE FUNCTION document_search_on_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_search (document_id, project_id, words)
  SELECT n.id, n.project_id, parley_document_words(n.title, n.source) FROM new_documents n;
  RETURN NULL;
END
$$;
DROP TRIGGER document_search_insert ON documents;
CREATE TRIGGER document_search_insert AFTER INSERT ON documents REFERENCING NEW TABLE AS new_documents
FOR EACH STATEMENT EXECUTE FUNCTION document_search_on_documents();

-- A changed title or source: one row, as before (an edit, not a bulk path).
CREATE OR REPLACE FUNCTION document_search_on_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE document_search SET words = parley_document_words(NEW.title, NEW.source) WHERE document_id = NEW.id;
  RETURN NULL;
END
$$;
