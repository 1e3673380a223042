-- Lists filter by equality and show the newest first by default. Single-column filter indexes made PostgreSQL
-- either walk the newest-first index past every non-matching customer or fetch and sort all matches; with the
-- list order appended, a filtered list reads the matching customers in order and stops after one page.
DROP INDEX customers_type_idx;
DROP INDEX customers_tier_idx;
DROP INDEX customers_loyalty_idx;
DROP INDEX customers_settlement_idx;
DROP INDEX customers_lifecycle_idx;
DROP INDEX customers_relationship_idx;
DROP INDEX customers_industry_idx;
DROP INDEX customers_source_idx;
CREATE INDEX customers_type_idx ON customers (customer_type, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_tier_idx ON customers (value_tier, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_loyalty_idx ON customers (loyalty_status, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_settlement_idx ON customers (settlement, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_lifecycle_idx ON customers (lifecycle_stage, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_relationship_idx ON customers (relationship_level, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;
CREATE INDEX customers_industry_idx ON customers (industry, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_source_idx ON customers (source, created_at DESC, id DESC) WHERE deleted_at IS NULL;
