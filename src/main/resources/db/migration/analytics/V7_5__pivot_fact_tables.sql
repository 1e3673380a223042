-- Pivot reports (issue #6, capability 9): the sales facts flattened with the customer attributes the reports group
-- by, so that a report reads one narrow table instead of joining orders (or order lines, payments) with a million
-- customers. Written only by PivotFactTables: rebuilt nightly and on demand, and per customer when an order is
-- confirmed or a payment received. Revenue facts are orders confirmed or later (not drafts, not cancelled).
CREATE TABLE analytics_pivot_orders
(
  day         DATE NOT NULL,
  order_id    BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  owner_id    BIGINT NOT NULL,
  team_id     BIGINT,
  province    TEXT,
  city        TEXT,
  industry    TEXT,
  value_tier  TEXT,
  source      TEXT,
  total       NUMERIC(18,2) NOT NULL
);
CREATE INDEX analytics_pivot_orders_day_idx ON analytics_pivot_orders (day);
CREATE INDEX analytics_pivot_orders_customer_idx ON analytics_pivot_orders (customer_id);

CREATE TABLE analytics_pivot_lines
(
  day          DATE NOT NULL,
  order_id     BIGINT NOT NULL,
  customer_id  BIGINT NOT NULL,
  owner_id     BIGINT NOT NULL,
  team_id      BIGINT,
  province     TEXT,
  city         TEXT,
  industry     TEXT,
  value_tier   TEXT,
  source       TEXT,
  product_id   BIGINT NOT NULL,
  product_name TEXT NOT NULL,
  quantity     NUMERIC(14,3) NOT NULL,
  line_total   NUMERIC(18,2) NOT NULL
);
CREATE INDEX analytics_pivot_lines_day_idx ON analytics_pivot_lines (day);
CREATE INDEX analytics_pivot_lines_customer_idx ON analytics_pivot_lines (customer_id);

CREATE TABLE analytics_pivot_payments
(
  day         DATE NOT NULL,
  payment_id  BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  owner_id    BIGINT NOT NULL,
  team_id     BIGINT,
  province    TEXT,
  city        TEXT,
  industry    TEXT,
  value_tier  TEXT,
  source      TEXT,
  amount      NUMERIC(18,2) NOT NULL
);
CREATE INDEX analytics_pivot_payments_day_idx ON analytics_pivot_payments (day);
CREATE INDEX analytics_pivot_payments_customer_idx ON analytics_pivot_payments (customer_id);

-- When the tables were last rebuilt in full (NULL: never; the first report builds them).
CREATE TABLE analytics_pivot_state
(
  id         INT PRIMARY KEY CHECK (id = 1),
  rebuilt_at TIMESTAMPTZ
);
INSERT INTO analytics_pivot_state (id, rebuilt_at) VALUES (1, NULL);
