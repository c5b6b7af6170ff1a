-- Title search at 100,000 documents on PostgreSQL (issue 15). Migration 0011 indexed the tsvector
-- of title and source with a GIN index on documents itself: each match then costs a visit to the
-- wide documents row (the article's text is stored inline), so a prefix search matching 20 % of the
-- documents read most of the table, twice (the page and the count): ~800 ms. The words now live in
-- a narrow table of their own, one row per document, kept by triggers like the document counters
-- (0011); a match reads only that row. SQLite keeps its FTS5 table (0011): its 0015 changes nothing.

-- The words of a document's title and source in the built-in 'simple' configuration (lower-cased,
-- no stemming, diacritics kept). Punctuation the parser would keep inside a token (a URL's host, a
-- path) is a word break first, as it is for SQLite's FTS5 unicode61 tokenizer. Without positions
-- (strip): a search is words and prefixes, never a phrase, and each row is a quarter narrower. One
-- definition for the triggers, the backfill below and copy-db (server/db/copy.ts).
CREATE FUNCTION parley_document_words(title TEXT, source TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT strip(to_tsvector('simple', translate(title || ' ' || coalesce(source, ''), '/.:_-=&#%+~@''"', '              ')))
$$;

-- project_id: a count of a project's matches reads these rows alone, never the documents rows.
CREATE TABLE document_search (
  document_id BIGINT   NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  project_id  BIGINT   NOT NULL,
  words       TSVECTOR NOT NULL
);

INSERT INTO document_search (document_id, project_id, words)
SELECT id, project_id, parley_document_words(title, source) FROM documents;

CREATE INDEX document_search_words ON document_search USING gin (words);

CREATE FUNCTION document_search_on_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO document_search (document_id, project_id, words) VALUES (NEW.id, NEW.project_id, parley_document_words(NEW.title, NEW.source));
  ELSE
    UPDATE document_search SET words = parley_document_words(NEW.title, NEW.source) WHERE document_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER document_search_insert AFTER INSERT ON documents
FOR EACH ROW EXECUTE FUNCTION document_search_on_document();
CREATE TRIGGER document_search_update AFTER UPDATE OF title, source ON documents
FOR EACH ROW EXECUTE FUNCTION document_search_on_document();

DROP INDEX documents_search;
