-- Lists at 100,000 documents, third pass (issue 15): the one count no index answers in time on
-- PostgreSQL, and the disagreement queue's order.
--
-- How many documents a project has: the documents list's total and the queue's (the content
-- documents are these less the few without content, a range of document_stats_content). Counting
-- 100,000 index entries per request took 10-15 ms on PostgreSQL (which has no O(1) count). One
-- row per project, but no save writes it: only an import and a deletion of documents do, so
-- concurrent saves never conflict on it. Kept once per INSERT or DELETE statement (a transition
-- table): per row, an import of 64 documents per statement would update the one row 64 times,
-- each a new version of it that the next update walks past.
CREATE TABLE project_stats (
  project_id BIGINT NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  documents  BIGINT NOT NULL DEFAULT 0 CHECK (documents >= 0)
);

INSERT INTO project_stats (project_id, documents)
SELECT p.id, (SELECT count(*) FROM documents d WHERE d.project_id = p.id) FROM projects p;

CREATE FUNCTION project_stats_on_project() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_stats (project_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER project_stats_on_project AFTER INSERT ON projects
FOR EACH ROW EXECUTE FUNCTION project_stats_on_project();

CREATE FUNCTION project_stats_on_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE project_stats SET documents = documents + n.added
    FROM (SELECT d.project_id, count(*) AS added FROM new_documents d GROUP BY d.project_id) AS n
    WHERE project_stats.project_id = n.project_id;
  ELSE
    UPDATE project_stats SET documents = documents - o.removed
    FROM (SELECT d.project_id, count(*) AS removed FROM old_documents d GROUP BY d.project_id) AS o
    WHERE project_stats.project_id = o.project_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER project_stats_on_document AFTER INSERT ON documents REFERENCING NEW TABLE AS new_documents
FOR EACH STATEMENT EXECUTE FUNCTION project_stats_on_documents();
CREATE TRIGGER project_stats_on_document_removed AFTER DELETE ON documents REFERENCING OLD TABLE AS old_documents
FOR EACH STATEMENT EXECUTE FUNCTION project_stats_on_documents();

-- The disagreement queue by dispute: most disputed first, ties in reading order (dispute DESC,
-- field_count DESC, document_id ASC, idx ASC), or the reverse. The old index of 0014 held all four
-- ascending, an order neither direction is, so every page sorted all of the queue's rows (12,876
-- of them: 30-100 ms on PostgreSQL). This one is walked forwards for one direction and backwards
-- for the other; only the live rows the queue shows (not stale, not boilerplate) are in it, and
-- `resolved` last lets the count read the index alone.
DROP INDEX sentence_disagreements_dispute;
CREATE INDEX sentence_disagreements_dispute ON sentence_disagreements (project_id, dispute, field_count, document_id DESC, idx DESC, resolved)
  WHERE stale = 0 AND boilerplate = 0;
