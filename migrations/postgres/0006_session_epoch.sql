-- A session never outlives a password change, a disable or an enable (issue 12, item 10).
-- Every such change bumps the user's session_epoch; a session records the epoch it was opened
-- under and counts only while the two are equal. Sign-in inserts its session only if the epoch it
-- read before checking the password is still the user's, so a sign-in that races a reset loses.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0 CHECK (session_epoch >= 0);
ALTER TABLE sessions ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0 CHECK (epoch >= 0);
-- The purge of ended sessions finds them without reading every row.
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
