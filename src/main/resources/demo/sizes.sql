-- Sizes of the demo data set beyond the customers (guanxi.demo.contacts, .opportunities, .orders, .order-lines,
-- .activities, .tickets), which the loader writes into the temporary table demo_sizes; NULL keeps a script's own
-- ratio to the customers. Runs first, after the customers and their contacts are copied in, in the loader's
-- transaction. Deterministic (setseed); set-based.
SELECT setseed(0.42);

-- The customers the scripts draw from when a size is given: row n of them is picked by a random n in one hash join
-- (not a subquery per row). buyer_rn numbers the two in five customers who buy (all, if there are none such).
CREATE TEMP TABLE demo_pick ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY c.id) AS rn,
       CASE WHEN c.id % 5 < 2 THEN row_number() OVER (PARTITION BY c.id % 5 < 2 ORDER BY c.id) END AS buyer_rn,
       c.id, c.owner_id, c.team_id, c.name, c.kind, c.created_at
FROM customers c
WHERE c.deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM demo_sizes s
              WHERE s.contacts IS NOT NULL OR s.opportunities IS NOT NULL OR s.orders IS NOT NULL
                 OR s.activities IS NOT NULL OR s.tickets IS NOT NULL);
UPDATE demo_pick SET buyer_rn = rn WHERE NOT EXISTS (SELECT 1 FROM demo_pick WHERE buyer_rn IS NOT NULL);
ANALYZE demo_pick;

-- how_many random draws of a customer: rn is a row number of demo_pick (of its buyers when buyers_only); no rows
-- when how_many is NULL. The scripts join demo_pick on it.
CREATE OR REPLACE FUNCTION pg_temp.demo_draw(how_many bigint, buyers_only boolean) RETURNS TABLE (g bigint, rn bigint)
LANGUAGE sql VOLATILE AS $$
  SELECT g, 1 + floor(random() * n.customers)::bigint
  FROM (SELECT count(*) FILTER (WHERE NOT buyers_only OR buyer_rn IS NOT NULL) AS customers FROM demo_pick) n,
       generate_series(1, how_many) g
  WHERE n.customers > 0
$$;

-- Contacts: the customers' copy wrote at most guanxi.demo.contacts of the one to three per organization. When more
-- are asked for, further contacts go to the organizations in turn (to any customer when there is none).
CREATE TEMP TABLE demo_contact_holders ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY p.id) AS rn, p.id, p.created_at
FROM demo_pick p
WHERE p.kind = 'ORGANIZATION' OR NOT EXISTS (SELECT 1 FROM demo_pick o WHERE o.kind = 'ORGANIZATION');

INSERT INTO contacts (customer_id, name, title, role, phone, email, is_primary, created_at, updated_at)
SELECT h.id,
       (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙'])[1 + floor(random() * 12)::int]
         || (ARRAY['伟','芳','娜','敏','静','磊','洋','杰','婷','强','军','丽'])[1 + floor(random() * 12)::int],
       (ARRAY['采购经理','财务经理','IT经理','市场经理','行政主管','项目经理'])[1 + (g.n % 6)::int],
       (ARRAY['采购对接','财务对接','技术评估','日常联系','日常联系','日常联系'])[1 + (g.n % 6)::int],
       '13' || lpad(floor(random() * 1000000000)::text, 9, '0'), NULL,
       -- the first round gives an organization without contacts its primary one
       g.n <= g.holders AND NOT EXISTS (SELECT 1 FROM contacts k
                                        WHERE k.customer_id = h.id AND k.is_primary AND k.deleted_at IS NULL),
       h.created_at, h.created_at
FROM (SELECT n, holders
      FROM (SELECT count(*) AS holders FROM demo_contact_holders) c,
           generate_series(1, greatest(0, (SELECT contacts FROM demo_sizes) - (SELECT count(*) FROM contacts))) n
      WHERE c.holders > 0) g
JOIN demo_contact_holders h ON h.rn = 1 + (g.n - 1) % g.holders;
