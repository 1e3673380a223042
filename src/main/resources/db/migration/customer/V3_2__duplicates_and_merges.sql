-- Duplicate detection (客户信息整合) and merging. The normalizations mirror customer.internal.Matching (a test keeps
-- them in step); they are IMMUTABLE so they can be indexed.

-- "+86 138-1234-5678" -> "13812345678"; null when fewer than 5 digits
CREATE FUNCTION guanxi_phone_norm(phone text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(d) >= 5 THEN d END
  FROM (SELECT CASE WHEN d0 LIKE '0086%' THEN substr(d0, 5)
                    WHEN d0 LIKE '86%' AND length(d0) = 13 THEN substr(d0, 3)
                    ELSE d0 END AS d
        FROM (SELECT regexp_replace(phone, '\D', '', 'g') AS d0) raw) stripped
$$;

CREATE FUNCTION guanxi_email_norm(email text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(lower(btrim(email)), '')
$$;

-- "杭州云帆科技有限公司" -> "杭州云帆科技"; "Bright Electronics Co., Ltd." -> "brightelectronics"
CREATE FUNCTION guanxi_org_norm(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(regexp_replace(
           regexp_replace(lower(name),
             '(股份有限公司|有限责任公司|有限公司|集团|公司|\yco\y\.?|\ycompany\y|\yltd\y\.?|\ylimited\y|\yinc\y\.?|\yllc\y|\ycorp\y\.?|\ycorporation\y|\ygmbh\y|\ygroup\y)',
             '', 'g'),
           '[[:space:][:punct:]（）()，。、]', '', 'g'), '')
$$;

-- Latin names in any order, case and punctuation: "Zhang Wei", "WEI, zhang", "wei-zhang" -> "weizhang"
CREATE FUNCTION guanxi_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(array_to_string(ARRAY(
           SELECT t FROM regexp_split_to_table(lower(name), '[^a-z]+') t WHERE t <> '' ORDER BY t COLLATE "C"), ''), '')
$$;

CREATE INDEX customers_phone_norm_idx ON customers (guanxi_phone_norm(phone)) WHERE deleted_at IS NULL;
CREATE INDEX customers_email_norm_idx ON customers (guanxi_email_norm(email)) WHERE deleted_at IS NULL;
CREATE INDEX customers_org_norm_idx ON customers (guanxi_org_norm(name))
  WHERE deleted_at IS NULL AND kind = 'ORGANIZATION';
CREATE INDEX customers_person_name_idx ON customers (lower(name), city, birth_date)
  WHERE deleted_at IS NULL AND kind = 'PERSON';
CREATE INDEX customers_person_name_key_idx ON customers (guanxi_name_key(name), city)
  WHERE deleted_at IS NULL AND kind = 'PERSON';

-- Candidate pairs for the review queue: one row per pair (customer_a < customer_b), every rule that matched.
CREATE TABLE duplicate_candidates
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_a  BIGINT NOT NULL,
  customer_b  BIGINT NOT NULL,
  rules       TEXT[] NOT NULL,
  score       NUMERIC(4, 3) NOT NULL,
  evidence    JSONB NOT NULL,
  status      TEXT NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DISMISSED', 'MERGED')),
  found_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_by BIGINT,
  resolved_at TIMESTAMPTZ,
  CONSTRAINT duplicate_pair UNIQUE (customer_a, customer_b),
  CONSTRAINT duplicate_pair_ordered CHECK (customer_a < customer_b)
);
CREATE INDEX duplicate_candidates_open_idx ON duplicate_candidates (score DESC, id) WHERE status = 'OPEN';
CREATE INDEX duplicate_candidates_b_idx ON duplicate_candidates (customer_b);

-- Background scans over all customers, one at a time (the running row is the lock).
CREATE TABLE duplicate_scans
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_by  BIGINT,
  started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ,
  rules_done  INT NOT NULL DEFAULT 0,
  rules_total INT NOT NULL,
  pairs       BIGINT NOT NULL DEFAULT 0,
  error       TEXT
);
CREATE UNIQUE INDEX duplicate_scans_one_running ON duplicate_scans ((true)) WHERE finished_at IS NULL;

-- A merge keeps everything needed to undo it: both records before, and what every module moved.
ALTER TABLE customers ADD COLUMN merged_into BIGINT;
CREATE TABLE customer_merges
(
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  survivor_id      BIGINT NOT NULL,
  merged_id        BIGINT NOT NULL,
  survivor_before  JSONB NOT NULL,
  survivor_version INT NOT NULL,
  moved            JSONB NOT NULL,
  merged_by        BIGINT NOT NULL,
  merged_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  undone_by        BIGINT,
  undone_at        TIMESTAMPTZ
);
CREATE INDEX customer_merges_survivor_idx ON customer_merges (survivor_id, merged_at DESC);
CREATE INDEX customer_merges_merged_idx ON customer_merges (merged_id);

-- Old ids keep working: a merged customer's id (and the ids merged into it before) resolve to the survivor.
CREATE TABLE customer_aliases
(
  alias_id    BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  merge_id    BIGINT NOT NULL REFERENCES customer_merges (id)
);
CREATE INDEX customer_aliases_customer_idx ON customer_aliases (customer_id);
