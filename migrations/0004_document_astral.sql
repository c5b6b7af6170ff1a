-- Whether a document holds astral characters (emoji, some CJK): only then can a span offset fall
-- inside one, so only then does saving a label need to read the document's text to check its spans.
-- SQLite's length() counts code points and text_length UTF-16 units: they differ exactly when some
-- character takes two units.
ALTER TABLE documents ADD COLUMN has_astral INTEGER NOT NULL DEFAULT 1 CHECK (has_astral IN (0, 1));
UPDATE documents SET has_astral = (length(text) <> text_length);
