-- Filters that are selective on their own but not served by a leading column of an existing index.
CREATE INDEX customers_occupation_idx ON customers (occupation) WHERE deleted_at IS NULL;
CREATE INDEX customers_city_idx ON customers (city) WHERE deleted_at IS NULL;
CREATE INDEX customers_district_idx ON customers (district) WHERE deleted_at IS NULL;
