-- A counter of committed changes to customers, so that list pages and counts can be kept in memory and served again
-- while no customer has changed (CustomerListCache). The counter is the sum of 16 stripes: each writing transaction
-- adds one to the stripe of its connection, as the last thing before it commits, so a reader sees a higher sum
-- exactly when it sees the change, and concurrent writers rarely wait for one another (one stripe each, held only
-- while committing).
--
-- Adding at commit, not at the first write: a stripe locked from the first write to the commit would make two
-- writers on the same stripe wait for each other's whole transaction, and deadlock when they also write each other's
-- customers. A deferred constraint trigger runs at commit; its WHEN condition is evaluated at each row but is true
-- only for the transaction's first written row, so an import of thousands of rows queues one event, not thousands.
CREATE TABLE customer_versions (
  stripe  int PRIMARY KEY CHECK (stripe BETWEEN 0 AND 15),
  version bigint NOT NULL
);
INSERT INTO customer_versions SELECT s, 0 FROM generate_series(0, 15) s;

-- True for the first customer row written in the current transaction (or subtransaction that survives), false after.
CREATE FUNCTION guanxi_first_customer_change() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanxi.customers_changed', true) = 'y' THEN
    RETURN false;
  END IF;
  PERFORM set_config('guanxi.customers_changed', 'y', true);
  RETURN true;
END $$;

CREATE FUNCTION guanxi_customers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customer_versions SET version = version + 1 WHERE stripe = pg_backend_pid() % 16;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER customers_change_counter AFTER INSERT OR UPDATE OR DELETE ON customers
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (guanxi_first_customer_change()) EXECUTE FUNCTION guanxi_customers_changed();

-- TRUNCATE has no rows and cannot be deferred: it adds one at once (it locks the whole table anyway).
CREATE TRIGGER customers_truncate_counter AFTER TRUNCATE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION guanxi_customers_changed();
