-- An import is a job: the uploaded file stays on disk, progress is committed with each batch of rows.
CREATE TABLE import_jobs
(
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status         TEXT NOT NULL CHECK (status IN ('DRAFT','QUEUED','RUNNING','DONE','FAILED','UNDOING','UNDONE')),
  file_name      TEXT NOT NULL,
  stored_file    TEXT NOT NULL,
  format         TEXT NOT NULL CHECK (format IN ('CSV','XLSX')),
  encoding       TEXT,
  mode           TEXT CHECK (mode IN ('CREATE_ONLY','UPSERT')),
  match_key      TEXT CHECK (match_key IN ('NONE','PHONE','EMAIL','EXTERNAL_ID')),
  mapping        JSONB NOT NULL DEFAULT '{}'::jsonb,
  locale         TEXT NOT NULL,
  actor          JSONB NOT NULL,
  actor_id       BIGINT NOT NULL,
  last_line      BIGINT NOT NULL DEFAULT 0,
  total_rows     BIGINT,
  rows_read      BIGINT NOT NULL DEFAULT 0,
  created_count  BIGINT NOT NULL DEFAULT 0,
  updated_count  BIGINT NOT NULL DEFAULT 0,
  unchanged_count BIGINT NOT NULL DEFAULT 0,
  error_count    BIGINT NOT NULL DEFAULT 0,
  undone_count   BIGINT NOT NULL DEFAULT 0,
  skipped_undo_count BIGINT NOT NULL DEFAULT 0,
  undo_last_id   BIGINT NOT NULL DEFAULT 0,
  failure        TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at     TIMESTAMPTZ,
  finished_at    TIMESTAMPTZ
);
CREATE INDEX import_jobs_actor_idx ON import_jobs (actor_id, id DESC);

-- What each imported line did to which customer, with the values before an update: the basis of undo.
CREATE TABLE import_changes
(
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id     BIGINT NOT NULL REFERENCES import_jobs (id),
  line          BIGINT NOT NULL,
  customer_id   BIGINT NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('CREATED','UPDATED')),
  version_after INT NOT NULL,
  before        JSONB
);
CREATE INDEX import_changes_import_idx ON import_changes (import_id, id);
-- one entry per customer and import: the values before its first change, the version after its last
CREATE UNIQUE INDEX import_changes_customer_idx ON import_changes (import_id, customer_id);

CREATE TABLE import_errors
(
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id BIGINT NOT NULL REFERENCES import_jobs (id),
  line      BIGINT NOT NULL,
  field     TEXT,
  reason    TEXT NOT NULL,
  raw       JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX import_errors_import_idx ON import_errors (import_id, line, id);
