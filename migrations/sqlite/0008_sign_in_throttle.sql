-- Sign-in throttling counts (issue 13 item 6), kept in the database so that every process serving
-- this file shares them and a restart forgets nothing. rate-limiter-flexible's SQLite store reads
-- and writes the table (server/session/throttle.ts); its columns are the ones it expects: `key` is
-- the limiter's prefix and the username or address, `points` the failures counted in the window
-- and `expire` when the window ends (milliseconds since the epoch).
CREATE TABLE sign_in_throttle (
  key TEXT PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire INTEGER
) STRICT;
-- The purge of ended windows finds them without reading every row.
CREATE INDEX sign_in_throttle_expire ON sign_in_throttle (expire);
