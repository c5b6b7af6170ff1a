-- Whether a document holds astral characters (emoji, some CJK): only then can a span offset fall
-- inside one, so only then does saving a label need to read the document's text to check its spans.
-- In UTF-8 an astral character, and nothing else, starts with a byte F0–F4; searching the text's
-- bytes finds one exactly (length() would stop counting at a NUL character).
ALTER TABLE documents ADD COLUMN has_astral INTEGER NOT NULL DEFAULT 1 CHECK (has_astral IN (0, 1));
UPDATE documents SET has_astral = (
  instr(CAST(text AS BLOB), X'F0') > 0 OR instr(CAST(text AS BLOB), X'F1') > 0 OR instr(CAST(text AS BLOB), X'F2') > 0
  OR instr(CAST(text AS BLOB), X'F3') > 0 OR instr(CAST(text AS BLOB), X'F4') > 0
);
