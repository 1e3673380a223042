-- Kept customer list pages (CustomerListCache) also keep the owners' and teams' names shown beside each customer, so
-- a renamed user or team, or a removed one, counts as a change to the customer lists as well (same counter and
-- trigger functions as V9_11, one step per committing transaction).
CREATE CONSTRAINT TRIGGER users_customer_list_names AFTER UPDATE OF display_name OR DELETE ON users
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (guanxi_first_customer_change()) EXECUTE FUNCTION guanxi_customers_changed();
CREATE CONSTRAINT TRIGGER teams_customer_list_names AFTER UPDATE OF name OR DELETE ON teams
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (guanxi_first_customer_change()) EXECUTE FUNCTION guanxi_customers_changed();
