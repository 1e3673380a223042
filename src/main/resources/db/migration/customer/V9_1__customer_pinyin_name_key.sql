-- The pinyin key of every customer's name (dev.guanxi.crm.customer.PinyinNameKey: 张伟, "Zhang Wei", "WEI zhang"
-- -> 'weizhang'), for the duplicate rules PINYIN_NAME_AND_CITY and HOMOPHONE_NAME_AND_CITY. Computed in Java
-- (PostgreSQL has no pinyin table) whenever a name is written; NULL until then. Rows written before this migration
-- (or by hand in SQL) are filled in batches after start-up and before each duplicate scan (NameKeyBackfill); the
-- partial index finds them without reading the table. Adding the column rewrites nothing.
ALTER TABLE customers ADD COLUMN name_key TEXT;
CREATE INDEX customers_name_key_missing_idx ON customers (id) WHERE name_key IS NULL;
-- '' is "computed, nothing to compare" (no letters, or a character without a known reading)
CREATE INDEX customers_person_pinyin_idx ON customers (nullif(name_key, ''), city)
  WHERE deleted_at IS NULL AND kind = 'PERSON';

-- Whether the name has a Chinese character; the same ranges as PinyinNameKey.isHan (a test keeps them in step)
CREATE FUNCTION guanxi_has_han(name text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT name ~ '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]'
$$;
