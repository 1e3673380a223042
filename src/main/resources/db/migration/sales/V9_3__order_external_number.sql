-- An imported order keeps its number from the system it came from (one file row per order line, grouped by it);
-- payments imported later name their order by it. Unique, whatever the case; orders entered here have none.
ALTER TABLE orders ADD COLUMN external_number TEXT;
CREATE UNIQUE INDEX orders_external_number_uq ON orders (lower(external_number)) WHERE external_number IS NOT NULL;
