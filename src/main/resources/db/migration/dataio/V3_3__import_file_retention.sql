-- Uploaded files are removed from disk some time after their import ended (guanxi.imports.keep-files); the job,
-- its counts, error report and undo records stay.
ALTER TABLE import_jobs ADD COLUMN file_removed_at TIMESTAMPTZ;
CREATE INDEX import_jobs_files_kept_idx ON import_jobs (created_at) WHERE file_removed_at IS NULL;
