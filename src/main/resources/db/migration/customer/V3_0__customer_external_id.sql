-- Imports match customers by the id another system gave them (issue #7); set when an import creates the customer.
ALTER TABLE customers ADD COLUMN external_id TEXT;
CREATE INDEX customers_external_id_idx ON customers (external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL;
