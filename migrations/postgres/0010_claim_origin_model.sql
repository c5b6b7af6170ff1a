-- Where an accepted suggestion came from, besides its source (origin 'suggestion:<source>'): the
-- model and version that proposed it and its score, so a dataset can tell which machine did the
-- first pass (issue 16). Both stay NULL for manual claims and for claims saved before this.
ALTER TABLE claims ADD COLUMN origin_model TEXT CHECK (origin_model IS NULL OR length(origin_model) BETWEEN 1 AND 100);
ALTER TABLE claims ADD COLUMN origin_score DOUBLE PRECISION CHECK (origin_score IS NULL OR (origin_score >= 0 AND origin_score <= 1));
ALTER TABLE gold_claims ADD COLUMN origin_model TEXT CHECK (origin_model IS NULL OR length(origin_model) BETWEEN 1 AND 100);
ALTER TABLE gold_claims ADD COLUMN origin_score DOUBLE PRECISION CHECK (origin_score IS NULL OR (origin_score >= 0 AND origin_score <= 1));
