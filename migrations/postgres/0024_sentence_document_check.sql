-- The import of 100,000 articles on PostgreSQL (issue 15), fourth pass: a sentence's document is
-- checked once per INSERT statement instead of once per row. The foreign key sentences.document_id
-- ran its check for every new sentence (a query of its own: find the document, lock it FOR KEY
-- SHARE): 1.2 M of them per 100,000 articles, about a fifth of the server's import work (inserting
-- the 1.2 M sentences of such an import took 11.1 s with the foreign key and 3.9 s without it, as
-- one statement on this machine). The rules are the foreign key's, kept by three triggers:
--   * every new sentence's document exists, and is locked FOR KEY SHARE until the transaction ends,
--     so that no other transaction can delete it meanwhile (one that already has is waited for,
--     then the document is missing: refused, or a serialization failure, as the foreign key did);
--   * a sentence never moves to another document (none ever has: stricter than the key);
--   * a deleted document's sentences are deleted with it (ON DELETE CASCADE), once per DELETE
--     statement, and their labels with them by their own foreign keys; a TRUNCATE of documents
--     (TRUNCATE projects CASCADE reaches it) deletes every sentence.
-- One difference stays: the key's cascade looked for sentences committed after the deleting
-- transaction's snapshot (and failed it, 40001); the trigger deletes those its snapshot sees.
-- Parley's writes are covered all the same: they run SERIALIZABLE, where PostgreSQL fails one of
-- the two (tests/postgres/sentence-document.test.ts); a delete at READ COMMITTED (psql's default)
-- sees every committed sentence. Delete documents by hand at one of those two levels.
-- SQLite keeps its foreign key: its check is an index lookup inside the insert, ~1 µs.
ALTER TABLE sentences DROP CONSTRAINT sentences_document_id_fkey;

CREATE FUNCTION sentences_need_their_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  missing BIGINT;
BEGIN
  -- Each document once, looked up by its key (LATERAL: the new rows have no statistics, and a
  -- join could read every document of the table for each statement), locked as it is found.
  SELECT n.document_id INTO missing
  FROM (SELECT DISTINCT s.document_id FROM new_sentences s) AS n
  LEFT JOIN LATERAL (SELECT d.id FROM documents d WHERE d.id = n.document_id FOR KEY SHARE) AS found ON true
  WHERE found.id IS NULL
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "sentences" violates foreign key: document % does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'sentences', CONSTRAINT = 'sentences_document_id_fkey';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sentences_document_exists AFTER INSERT ON sentences REFERENCING NEW TABLE AS new_sentences
FOR EACH STATEMENT EXECUTE FUNCTION sentences_need_their_document();

CREATE FUNCTION sentences_stay_in_their_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.document_id IS DISTINCT FROM OLD.document_id THEN
    RAISE EXCEPTION 'sentence % belongs to document % and cannot move to another', OLD.id, OLD.document_id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER sentences_stay_in_document BEFORE UPDATE OF document_id ON sentences
FOR EACH ROW EXECUTE FUNCTION sentences_stay_in_their_document();

CREATE FUNCTION sentences_of_removed_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The ids as one array: PL/pgSQL plans this once per session, and a join planned for a first
  -- delete of thousands of documents (hash all 1.2 M sentences) would serve every later one of one.
  DELETE FROM sentences s WHERE s.document_id = ANY (ARRAY(SELECT o.id FROM old_documents o));
  RETURN NULL;
END
$$;
CREATE TRIGGER sentences_on_document_removed AFTER DELETE ON documents REFERENCING OLD TABLE AS old_documents
FOR EACH STATEMENT EXECUTE FUNCTION sentences_of_removed_documents();

-- TRUNCATE fires no DELETE trigger: every document is gone, and so every sentence goes.
CREATE FUNCTION sentences_of_truncated_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sentences;
  RETURN NULL;
END
$$;
CREATE TRIGGER sentences_on_documents_truncated AFTER TRUNCATE ON documents
FOR EACH STATEMENT EXECUTE FUNCTION sentences_of_truncated_documents();
