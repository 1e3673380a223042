-- One GIN index over the list's equality filters (btree_gin), so that any combination of them is answered by
-- intersecting their entries instead of walking one filter's B-tree and testing the others row by row. VIP customers in
-- 浙江省 by name at 1M customers: the tier index walked 28,683 VIP rows to find 3,232 matches (40 ms); the facet index
-- hands over the 3,232 (25 ms, the rest is reading and sorting them). 15 MB at 1M customers against 70–85 MB for each
-- per-filter B-tree. fastupdate is off: a pending list would be read by every list query until the next clean-up, as
-- the trigram index's was during imports (decision 0018).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX customers_facets_idx ON customers USING gin (
    kind, customer_type, value_tier, loyalty_status, settlement, lifecycle_stage, relationship_level, gender, industry,
    occupation, province, city, district, source)
    WITH (fastupdate = off) WHERE deleted_at IS NULL;
