-- A project's model backend (issue 16, item 5): the URL "Get suggestions" and the CLI's predict POST
-- a document's sentences and the actor registry to, and how long to wait for its answer. NULL URL:
-- the project has none. http(s) only and no credentials in it; the API checks that (every member
-- reads the project), the CHECK only keeps out what is plainly not such a URL.
ALTER TABLE projects ADD COLUMN model_backend_url TEXT
  CHECK (model_backend_url IS NULL OR (length(model_backend_url) BETWEEN 8 AND 2000 AND (model_backend_url LIKE 'http://%' OR model_backend_url LIKE 'https://%')));
ALTER TABLE projects ADD COLUMN model_backend_timeout_seconds BIGINT NOT NULL DEFAULT 30
  CHECK (model_backend_timeout_seconds BETWEEN 1 AND 600);
