-- Title search at 100,000 documents (issue 15): PostgreSQL moves the words of titles and sources
-- from a GIN index on documents into a narrow table of their own (its 0015). SQLite's FTS5 table
-- (0011) already holds only the words: nothing changes here.
SELECT 1;
