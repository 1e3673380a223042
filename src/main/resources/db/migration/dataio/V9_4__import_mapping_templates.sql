-- A saved column mapping (column title → field, null for an ignored column) that later imports of the same kind
-- reuse; a file whose titles are the template's titles gets it pre-selected. Names are unique per entity in any case.
CREATE TABLE import_templates
(
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity          TEXT NOT NULL CHECK (entity IN ('CUSTOMER','CONTACT','PRODUCT','LEAD','ORDER','PAYMENT')),
  name            TEXT NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  mapping         JSONB NOT NULL,
  mode            TEXT CHECK (mode IN ('CREATE_ONLY','UPSERT')),
  match_key       TEXT,
  created_by      BIGINT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX import_templates_name_key ON import_templates (entity, lower(name));
