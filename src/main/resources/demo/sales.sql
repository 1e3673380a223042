-- Demo sales history on top of the demo customers: products, ~3 years of orders with lines and payments,
-- opportunities with stage histories, and leads. Deterministic (setseed); runs in the loader's transaction.
SELECT setseed(0.42);

INSERT INTO products (sku, name, category, unit, list_price) VALUES
  ('TEA-LJ-250', '西湖龙井 250g West Lake Longjing', 'Tea', 'box', 388.00),
  ('TEA-PE-357', '普洱饼茶 357g Pu''er cake', 'Tea', 'cake', 268.00),
  ('TEA-TG-500', '铁观音 500g Tieguanyin', 'Tea', 'box', 198.00),
  ('TEA-BL-100', '正山小种 100g Lapsang souchong', 'Tea', 'tin', 128.00),
  ('CUP-CL-6', '青瓷茶杯六只装 Celadon cups (6)', 'Teaware', 'set', 168.00),
  ('POT-ZS-1', '紫砂壶 Yixing clay teapot', 'Teaware', 'pcs', 680.00),
  ('SET-GF-1', '功夫茶具套装 Gongfu tea set', 'Teaware', 'set', 1280.00),
  ('KTL-EL-1', '电热水壶 Electric kettle', 'Appliances', 'pcs', 299.00),
  ('SW-CRM-Y', 'CRM 年度订阅 CRM annual subscription', 'Software', 'seat', 2400.00),
  ('SW-ERP-Y', 'ERP 年度订阅 ERP annual subscription', 'Software', 'seat', 4800.00),
  ('SV-IMPL-D', '实施服务 Implementation service', 'Services', 'day', 3500.00),
  ('SV-TRN-D', '培训服务 Training', 'Services', 'day', 2000.00),
  ('HW-SRV-1', '服务器 Rack server', 'Hardware', 'pcs', 36000.00),
  ('HW-LAP-1', '笔记本电脑 Business laptop', 'Hardware', 'pcs', 6999.00),
  ('HW-MON-27', '27 寸显示器 27" monitor', 'Hardware', 'pcs', 1899.00),
  ('PK-GIFT-1', '中秋礼盒 Mid-autumn gift box', 'Gifts', 'box', 458.00)
ON CONFLICT DO NOTHING;

-- Orders: two in five customers bought 1 to 6 times over the last three years. Everything is planned in
-- temporary tables first (ids reserved from the sequence, totals and payments computed), so that each table is
-- written once, without updating millions of rows afterwards, and in the order of the order ids, so that the
-- primary keys grow at their right edge and the foreign key checks find the orders in pages just written.
CREATE TEMP TABLE demo_order_plan ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id, c.id AS customer_id, c.owner_id, c.team_id,
       (current_date - floor(random() * 1095)::int) AS order_date, random() AS r, random() AS pay_r, NULL::int AS lines
FROM customers c CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 6)::int + (c.id * 0)) AS n
WHERE c.deleted_at IS NULL AND c.id % 5 < 2 AND (SELECT orders FROM demo_sizes) IS NULL;

-- Or exactly guanxi.demo.orders orders, each for a random one of those customers (demo/sizes.sql), and, with
-- guanxi.demo.order-lines, exactly that many lines: one per order plus the rest spread in proportion to a random
-- weight per order (a running sum, rounded down, so that the lines add up).
INSERT INTO demo_order_plan (id, customer_id, owner_id, team_id, order_date, r, pay_r, lines)
SELECT nextval(pg_get_serial_sequence('orders', 'id')), b.id, b.owner_id, b.team_id,
       current_date - floor(random() * 1095)::int, random(), random(), p.lines
FROM (SELECT q.rn, (1 + q.upto - lag(q.upto, 1, 0::bigint) OVER (ORDER BY q.g))::int AS lines
      FROM (SELECT w.g, w.rn,
                   CASE WHEN w.g = s.orders THEN s.order_lines - s.orders
                        ELSE least(s.order_lines - s.orders,
                                   floor((s.order_lines - s.orders) * sum(w.w) OVER (ORDER BY w.g)
                                         / sum(w.w) OVER ())::bigint) END AS upto
            FROM demo_sizes s,
                 (SELECT d.g, d.rn, 0.05 + random() AS w
                  FROM pg_temp.demo_draw((SELECT orders FROM demo_sizes), true) d) w) q) p
JOIN demo_pick b ON b.buyer_rn = p.rn;

ALTER TABLE demo_order_plan ADD COLUMN status TEXT;
UPDATE demo_order_plan SET status =
       CASE WHEN r < 0.04 THEN 'CANCELLED'
            WHEN order_date > current_date - 14 AND r < 0.25 THEN 'DRAFT'
            WHEN order_date > current_date - 30 AND r < 0.60 THEN 'CONFIRMED'
            WHEN order_date > current_date - 45 AND r < 0.80 THEN 'SHIPPED'
            WHEN order_date > current_date - 60 THEN 'DELIVERED'
            ELSE 'COMPLETED' END;

-- 1 to 4 lines per order (or as planned above); teaware tends to come with tea, services with software (basket patterns).
-- Products are drawn from per-category id arrays (set-based, no subquery per line).
CREATE TEMP TABLE demo_categories ON COMMIT DROP AS
SELECT category, array_agg(id ORDER BY id) AS ids FROM products GROUP BY category;

CREATE TEMP TABLE demo_lines ON COMMIT DROP AS
SELECT l.order_id, l.n AS line_no, l.customer_id, l.order_date, p.id AS product_id, p.name AS product_name,
       l.qty, p.list_price, l.disc, round(l.qty * p.list_price * (100 - l.disc) / 100 * 1.13, 2) AS line_total
FROM (
  SELECT o.id AS order_id, n, o.customer_id, o.order_date,
         (ARRAY['Tea','Teaware','Tea','Software','Services','Hardware','Gifts','Appliances'])
           [1 + (((o.id * 7 + n * 3) % 8 + CASE WHEN n > 1 AND o.id % 3 = 0 THEN 1 ELSE 0 END) % 8)::int] AS category,
         random() AS pick, (1 + floor(random() * 5))::numeric AS qty,
         (ARRAY[0, 0, 0, 5, 10])[1 + floor(random() * 5)::int] AS disc
  FROM demo_order_plan o
  CROSS JOIN LATERAL generate_series(1, coalesce(o.lines, 1 + floor(random() * 4)::int + (o.id * 0))) AS n
) l
JOIN demo_categories c ON c.category = l.category
JOIN products p ON p.id = c.ids[1 + floor(l.pick * array_length(c.ids, 1))::int];

-- Most receivable orders are paid, some in part, some not (overdue receivables).
CREATE TEMP TABLE demo_order_totals ON COMMIT DROP AS
SELECT o.id, o.customer_id, o.owner_id, o.team_id, o.order_date, o.status, o.pay_r, t.total,
       CASE WHEN o.status NOT IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') OR o.pay_r >= 0.92 THEN 0
            WHEN o.pay_r < 0.82 THEN t.total ELSE round(t.total * 0.5, 2) END AS paid
FROM demo_order_plan o JOIN (SELECT order_id, sum(line_total) AS total FROM demo_lines GROUP BY order_id) t
  ON t.order_id = o.id;

INSERT INTO orders (id, customer_id, owner_id, team_id, status, order_date, due_date, total, paid, created_at)
SELECT id, customer_id, owner_id, team_id, status, order_date,
       CASE WHEN status IN ('DRAFT','CANCELLED') THEN NULL ELSE order_date + 30 END, total, paid,
       order_date::timestamptz
FROM demo_order_totals ORDER BY id;

INSERT INTO order_lines (order_id, line_no, customer_id, order_date, product_id, product_name, quantity, unit_price,
                         discount_pct, tax_pct, line_total)
SELECT order_id, line_no, customer_id, order_date, product_id, product_name, qty, list_price, disc, 13, line_total
FROM demo_lines ORDER BY order_id, line_no;

INSERT INTO payments (order_id, customer_id, amount, method, received_on, reference, created_at)
SELECT id, customer_id, paid,
       (ARRAY['BANK_TRANSFER','ALIPAY','WECHAT_PAY','CASH','CARD'])[1 + floor(random() * 5)::int],
       least(current_date, order_date + floor(random() * 40)::int), 'DEMO-' || id, order_date::timestamptz
FROM demo_order_totals WHERE paid > 0 ORDER BY id;

-- Opportunities for one customer in seven (or as many as guanxi.demo.opportunities), with stage histories up to their current stage.
CREATE TEMP TABLE demo_opps ON COMMIT DROP AS
SELECT c.id AS customer_id, c.owner_id, c.team_id, c.name AS customer_name,
       now() - make_interval(days => 20 + floor(random() * 700)::int) AS created_at,
       round((5000 + random() * random() * 1500000)::numeric, -2) AS amount,
       (ARRAY['QUALIFICATION','QUALIFICATION','NEEDS_ANALYSIS','NEEDS_ANALYSIS','PROPOSAL','NEGOTIATION',
              'WON','WON','LOST','LOST'])[1 + floor(random() * 10)::int] AS final_stage
FROM customers c WHERE c.deleted_at IS NULL AND c.id % 7 = 3 AND (SELECT opportunities FROM demo_sizes) IS NULL;

-- Or exactly guanxi.demo.opportunities, each for a random customer.
INSERT INTO demo_opps
SELECT c.id, c.owner_id, c.team_id, c.name, now() - make_interval(days => 20 + floor(random() * 700)::int),
       round((5000 + random() * random() * 1500000)::numeric, -2),
       (ARRAY['QUALIFICATION','QUALIFICATION','NEEDS_ANALYSIS','NEEDS_ANALYSIS','PROPOSAL','NEGOTIATION',
              'WON','WON','LOST','LOST'])[1 + floor(random() * 10)::int]
FROM pg_temp.demo_draw((SELECT opportunities FROM demo_sizes), false) d JOIN demo_pick c ON c.rn = d.rn;

INSERT INTO opportunities (customer_id, name, amount, expected_close, owner_id, team_id, stage, stage_entered_at,
                           loss_reason, closed_at, created_at, updated_at)
SELECT d.customer_id,
       (ARRAY['年度采购', '系统升级', '新店开业', '渠道合作', 'Annual renewal', 'Expansion', '试点项目'])
         [1 + floor(random() * 7)::int] || ' · ' || left(d.customer_name, 20),
       d.amount, (d.created_at + make_interval(days => 30 + floor(random() * 150)::int))::date,
       d.owner_id, d.team_id, d.final_stage,
       d.created_at + make_interval(days => s.position / 10 * 12),
       CASE WHEN d.final_stage = 'LOST' THEN (ARRAY['价格过高 Price too high', '选择了竞争对手 Chose a competitor',
              '预算取消 Budget cut', '需求变化 Needs changed'])[1 + floor(random() * 4)::int] END,
       CASE WHEN s.outcome <> 'OPEN' THEN d.created_at + make_interval(days => s.position / 10 * 12) END,
       d.created_at, d.created_at
FROM demo_opps d JOIN opportunity_stages s ON s.code = d.final_stage;

-- History: the opportunity entered each open stage up to its furthest one, 12 days apart, then its final stage.
INSERT INTO opportunity_stage_changes (opportunity_id, from_stage, to_stage, changed_at, seconds_in_from)
SELECT o.id, prev.code, s.code, least(now(), o.created_at + make_interval(days => (s.position / 10 - 1) * 12)),
       CASE WHEN prev.code IS NULL THEN NULL ELSE 12 * 86400 END
FROM opportunities o
JOIN opportunity_stages fin ON fin.code = o.stage
JOIN opportunity_stages s ON s.outcome = 'OPEN'
  AND s.position <= CASE WHEN fin.outcome = 'OPEN' THEN fin.position
                         WHEN fin.outcome = 'WON' THEN 40 ELSE 10 + (o.id % 3) * 10 END
LEFT JOIN opportunity_stages prev ON prev.outcome = 'OPEN' AND prev.position = s.position - 10
WHERE o.created_at = o.updated_at;

INSERT INTO opportunity_stage_changes (opportunity_id, from_stage, to_stage, changed_at, seconds_in_from)
SELECT o.id, last.to_stage, o.stage, least(now(), last.changed_at + interval '12 days'), 12 * 86400
FROM opportunities o
JOIN opportunity_stages fin ON fin.code = o.stage AND fin.outcome <> 'OPEN'
CROSS JOIN LATERAL (SELECT c.to_stage, c.changed_at FROM opportunity_stage_changes c WHERE c.opportunity_id = o.id
                    ORDER BY c.changed_at DESC, c.id DESC LIMIT 1) last;

-- Open opportunities are expected to close in the coming months.
UPDATE opportunities o SET expected_close = current_date + floor(random() * 180)::int + (o.id * 0)::int
FROM opportunity_stages s WHERE s.code = o.stage AND s.outcome = 'OPEN';

UPDATE opportunities o SET stage_entered_at = h.changed_at, closed_at = CASE WHEN o.closed_at IS NOT NULL THEN h.changed_at END
FROM (SELECT DISTINCT ON (opportunity_id) opportunity_id, changed_at FROM opportunity_stage_changes
      ORDER BY opportunity_id, changed_at DESC) h
WHERE h.opportunity_id = o.id;

-- Leads: one for every twenty customers, in every status.
INSERT INTO leads (name, company, title, phone, email, source, status, disqualify_reason, owner_id, team_id, created_at)
SELECT (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + floor(random() * 10)::int]
         || (ARRAY['伟','芳','娜','敏','静','磊','洋','杰','婷','强'])[1 + floor(random() * 10)::int],
       CASE WHEN random() < 0.6 THEN (ARRAY['杭州','上海','深圳','成都','南京','武汉'])[1 + floor(random() * 6)::int]
         || (ARRAY['星河','宏图','新锐','远航','博雅','联创'])[1 + floor(random() * 6)::int]
         || (ARRAY['科技','贸易','餐饮','物流','教育'])[1 + floor(random() * 5)::int] || '有限公司' END,
       (ARRAY['采购经理','总经理','IT 主管','市场总监', NULL])[1 + floor(random() * 5)::int],
       '15' || lpad(floor(random() * 1000000000)::text, 9, '0'), NULL,
       (ARRAY['WEBSITE','EXHIBITION','REFERRAL','WECHAT','ADVERTISING'])[1 + floor(random() * 5)::int],
       picked.status, CASE WHEN picked.status = 'DISQUALIFIED' THEN '无预算 No budget' END,
       picked.owner_id, picked.team_id, now() - make_interval(days => floor(random() * 120)::int)
FROM (SELECT c.owner_id, c.team_id,
             (ARRAY['NEW','NEW','NEW','QUALIFIED','QUALIFIED','DISQUALIFIED'])[1 + floor(random() * 6)::int] AS status
      FROM customers c WHERE c.id % 20 = 7) picked;
