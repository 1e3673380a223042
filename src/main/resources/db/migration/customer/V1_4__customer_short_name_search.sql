-- Trigrams cannot serve searches of one or two characters, the usual length of a Chinese name ("王明", "明").
-- This GIN index over every character and character pair of the name serves them instead.
CREATE FUNCTION guanxi_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(lower(t), i, 1) AS g FROM generate_series(1, length(t)) i
    UNION ALL
    SELECT substr(lower(t), i, 2) FROM generate_series(1, length(t) - 1) i) s
  WHERE g !~ '\s'
$$;
CREATE INDEX customers_name_grams_idx ON customers USING gin (guanxi_grams(name));
ANALYZE customers;
