-- A new document's counter row (0011) is written by the one function that inserts documents
-- (server/documents/repo.ts, insertDocuments), with the sentence counts it knows, instead of by a
-- trigger with zero counts that the import then updated (issue 15, the import of 100,000
-- articles): the update moved each row's entries in the status and progress indexes, ~10 µs an
-- article on SQLite, and on PostgreSQL a tenth of the import's work in the server (the row was new
-- in the transaction, so its foreign keys were checked again). Every document comes through
-- insertDocuments (the import on every path and the demo); the bench and test fixtures that insert
-- rows by hand write the counter row as it does. Stop every Parley process before upgrading: one
-- still running the old code would import documents without their counter rows.
DROP TRIGGER document_stats_on_document;
