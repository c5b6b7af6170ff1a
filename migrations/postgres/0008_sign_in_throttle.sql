-- Sign-in throttling counts (issue 13 item 6), kept in the database so that every process serving
-- this database shares them and a restart forgets nothing. So that rate-limiter-flexible's
-- PostgreSQL store can read and write it (server/session/throttle.ts), its columns are exactly the
-- ones that store creates (RateLimiterPostgres, rate-limiter-flexible 11): `key` is the limiter's prefix and
-- the username or address, `points` the failures counted in the window and `expire` when the window
-- ends (milliseconds since the epoch). Its INSERT names no columns: their order matters too.
CREATE TABLE sign_in_throttle (
  key VARCHAR(255) PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire BIGINT
);
-- The purge of ended windows finds them without reading every row.
CREATE INDEX sign_in_throttle_expire ON sign_in_throttle (expire);
