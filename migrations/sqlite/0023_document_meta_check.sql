-- PostgreSQL's check of a document's meta became one call instead of two (its 0023 says why).
-- SQLite's json_valid and json_type are native and cheap: its CHECK stays as it is. The migration
-- exists so that both engines keep the same numbers.
SELECT 1;
