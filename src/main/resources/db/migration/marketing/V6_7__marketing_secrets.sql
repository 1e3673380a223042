-- Secrets generated once and shared by every instance (e.g. the key that signs unsubscribe links), unless the
-- configuration gives one.
CREATE TABLE marketing_secrets
(
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
