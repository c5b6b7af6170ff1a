-- Whether a document holds astral characters (emoji, some CJK): only then can a span offset fall
-- inside one, so only then does saving a label need to read the document's text to check its spans.
-- The SQLite migration searches the UTF-8 bytes for a lead byte F0–F4; here the same rule is a
-- regular expression over code points U+10000–U+10FFFF (a PostgreSQL text never holds a NUL).
ALTER TABLE documents ADD COLUMN has_astral BIGINT NOT NULL DEFAULT 1 CHECK (has_astral IN (0, 1));
UPDATE documents SET has_astral = CASE WHEN text ~ '[\U00010000-\U0010FFFF]' THEN 1 ELSE 0 END;
