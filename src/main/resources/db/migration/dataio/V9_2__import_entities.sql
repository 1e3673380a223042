-- An import fills one kind of record; customers were the only kind before. Match keys depend on the kind (SKU for
-- products), so the target checks them instead of a fixed list here, and an undo record points at any record id.
ALTER TABLE import_jobs ADD COLUMN entity TEXT NOT NULL DEFAULT 'CUSTOMER'
  CHECK (entity IN ('CUSTOMER','CONTACT','PRODUCT','LEAD','ORDER','PAYMENT'));
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_match_key_check;
ALTER TABLE import_changes RENAME COLUMN customer_id TO record_id;
ALTER INDEX import_changes_customer_idx RENAME TO import_changes_record_idx;
