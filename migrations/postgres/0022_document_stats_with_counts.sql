-- A new document's counter row (0011, 0020) is written by the one function that inserts documents
-- (server/documents/repo.ts, insertDocuments), with the sentence counts it knows, instead of by a
-- trigger with zero counts that the import then updated (issue 15, the import of 100,000
-- articles): the update cost a tenth of the import's work in the server, moving each row's entries
-- in the status and progress indexes and checking its foreign keys again (the row was new in the
-- transaction), and on SQLite ~10 µs an article. Every document comes through insertDocuments
-- (the import on every path and the demo); the bench and test fixtures that insert rows by hand
-- write the counter row as it does. Stop every Parley process before upgrading: one still running
-- the old code would import documents without their counter rows.
DROP TRIGGER document_stats_on_document ON documents;
DROP FUNCTION document_stats_on_document();
