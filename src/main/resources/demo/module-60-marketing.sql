-- Demo marketing on top of the demo customers and sales history: segments, campaigns over the demo period with
-- members, expenses (报销单据) and attributed opportunities, coupons with codes and redemptions, and an upcoming
-- member day (会员日). Deterministic (setseed); set-based; runs in the loader's transaction.
SELECT setseed(0.42);

CREATE TEMP TABLE demo_mkt_owner ON COMMIT DROP AS
SELECT coalesce((SELECT min(id) FROM users WHERE role = 'MARKETER'), (SELECT min(id) FROM users)) AS id;

-- Segments: dynamic rule sets (the same JSON the rule builder saves) and one frozen snapshot.
INSERT INTO segments (name, description, kind, rules, owner_id, created_at)
SELECT s.name, s.description, 'DYNAMIC', s.rules::jsonb, o.id, now() - interval '400 days'
FROM demo_mkt_owner o, (VALUES
  ('浙江重点客户 Zhejiang VIP & major', '浙江省的贵宾和大客户',
   '{"match":"ALL","rules":[{"field":"province","operator":"eq","value":"浙江省"},{"field":"valueTier","operator":"in","value":["VIP","MAJOR"]}]}'),
  ('近一年老客户 Buyers of the last 12 months', '老客户营销：一年内有确认订单的客户',
   '{"match":"ALL","rules":[{"field":"lastOrderDate","operator":"within_last_days","value":365}]}'),
  ('制造业与零售企业 Manufacturing & retail', '企业客户，行业为制造业或零售',
   '{"match":"ALL","rules":[{"field":"kind","operator":"eq","value":"ORGANIZATION"}],"groups":[{"match":"ANY","rules":[{"field":"industry","operator":"eq","value":"制造业"},{"field":"industry","operator":"eq","value":"零售"}]}]}'),
  ('年轻消费者 Young consumers', '35 岁以下的个人消费者',
   '{"match":"ALL","rules":[{"field":"customerType","operator":"eq","value":"CONSUMER"},{"field":"age","operator":"lt","value":35}]}')
) AS s(name, description, rules);

-- The last orders in one aggregate and join: a subquery per customer may be planned on the status index without
-- statistics on the orders just written, and then reads all of them for every customer who never ordered.
CREATE TEMP TABLE demo_mkt_customers ON COMMIT DROP AS
SELECT c.id, c.province, c.value_tier, c.kind, c.industry, c.customer_type, c.birth_date, o.last_order
FROM customers c
LEFT JOIN (SELECT customer_id, max(order_date) AS last_order FROM orders
           WHERE status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') GROUP BY customer_id) o ON o.customer_id = c.id
WHERE c.deleted_at IS NULL;

-- A snapshot of the young consumers, frozen last year for the Double 11 campaign.
INSERT INTO segments (name, description, kind, source_id, frozen_at, owner_id, created_at)
SELECT '双十一名单 Double 11 list (snapshot)', '年轻消费者冻结名单', 'STATIC', s.id, now() - interval '380 days', o.id,
       now() - interval '380 days'
FROM segments s, demo_mkt_owner o WHERE s.name LIKE '年轻消费者%';
INSERT INTO segment_members (segment_id, customer_id)
SELECT s.id, c.id FROM segments s, demo_mkt_customers c
WHERE s.name LIKE '双十一名单%' AND c.customer_type = 'CONSUMER'
  AND c.birth_date > current_date - interval '35 years' AND c.id % 3 = 0;
UPDATE segments s SET member_count = (SELECT count(*) FROM segment_members m WHERE m.segment_id = s.id)
WHERE s.kind = 'STATIC';

-- Campaigns over the demo period.
INSERT INTO campaigns (name, channel, status, budget, start_date, end_date, segment_id, description, owner_id, created_at)
SELECT k.name, k.channel, k.status, k.budget, current_date - k.starts, current_date - k.starts + k.days,
       (SELECT id FROM segments WHERE name LIKE k.segment || '%'), k.description, o.id,
       now() - make_interval(days => k.starts + 20)
FROM demo_mkt_owner o, (VALUES
  ('春茶上新品鉴会 Spring tea tasting', 'EVENT', 'COMPLETED', 60000.00, 300, 21, '浙江重点客户',
   '杭州线下品鉴会，邀请浙江重点客户'),
  ('双十一邮件营销 Double 11 e-mail', 'EMAIL', 'COMPLETED', 15000.00, 380, 14, '双十一名单',
   '向年轻消费者发送双十一优惠邮件'),
  ('制造业展会 Industry fair', 'EVENT', 'COMPLETED', 120000.00, 200, 5, '制造业与零售企业',
   '华东工业博览会展位'),
  ('中秋礼盒短信 Mid-autumn gift SMS', 'SMS', 'ACTIVE', 8000.00, 40, 45, '近一年老客户',
   '老客户营销：中秋礼盒短信和优惠券'),
  ('搜索广告 Search ads', 'ONLINE_AD', 'ACTIVE', 30000.00, 90, 120, NULL, '百度与微信搜索广告')
) AS k(name, channel, status, budget, starts, days, segment, description);

-- Members from each campaign's segment (a sample of the large ones), with responses and conversions.
INSERT INTO campaign_members (campaign_id, customer_id, status, added_at, status_at)
SELECT k.id, c.id,
       CASE WHEN r < 0.04 THEN 'CONVERTED' WHEN r < 0.15 THEN 'RESPONDED' WHEN r < 0.85 THEN 'SENT' ELSE 'TARGETED' END,
       k.start_date::timestamptz, k.start_date::timestamptz + make_interval(days => floor(r * 10)::int)
FROM campaigns k
JOIN LATERAL (
  SELECT c.id, random() AS r FROM demo_mkt_customers c
  WHERE CASE
    WHEN k.name LIKE '春茶%' THEN c.province = '浙江省' AND c.value_tier IN ('VIP','MAJOR')
    WHEN k.name LIKE '双十一%' THEN c.id IN (SELECT customer_id FROM segment_members m WHERE m.segment_id = k.segment_id)
    WHEN k.name LIKE '制造业%' THEN c.kind = 'ORGANIZATION' AND c.industry IN ('制造业','零售') AND c.id % 4 = 1
    WHEN k.name LIKE '中秋%' THEN c.last_order >= current_date - 365 AND c.id % 5 = 0
    ELSE FALSE END
) c ON TRUE;

-- Expense claims (报销单据): two to four per campaign.
INSERT INTO campaign_expenses (campaign_id, category, amount, receipt_ref, spent_on, notes, recorded_by)
SELECT k.id, (ARRAY['ADVERTISING','VENUE','PRINTING','GIFTS','STAFF','TRAVEL'])[1 + floor(random() * 6)::int],
       round((k.budget * (0.1 + random() * 0.25))::numeric, 2),
       'FP-' || to_char(k.start_date, 'YYYY') || '-' || lpad((k.id * 10 + n)::text, 5, '0'),
       k.start_date + n, NULL, o.id
FROM campaigns k CROSS JOIN demo_mkt_owner o CROSS JOIN LATERAL generate_series(1, 2 + (k.id % 3)::int) AS n;

-- Attribution: opportunities created during a campaign for its members come from it; the won ones convert them.
UPDATE opportunities p SET source_campaign_id = m.campaign_id
FROM campaign_members m JOIN campaigns k ON k.id = m.campaign_id
WHERE p.customer_id = m.customer_id AND p.source_campaign_id IS NULL
  AND p.created_at::date BETWEEN k.start_date AND k.end_date + 30;
UPDATE opportunities p SET source_campaign_id = (SELECT id FROM campaigns WHERE channel = 'ONLINE_AD')
WHERE p.source_campaign_id IS NULL AND p.created_at > now() - interval '90 days' AND p.id % 6 = 0;
UPDATE campaign_members m SET status = 'CONVERTED', status_at = p.closed_at
FROM opportunities p WHERE p.source_campaign_id = m.campaign_id AND p.customer_id = m.customer_id AND p.stage = 'WON';
INSERT INTO campaign_members (campaign_id, customer_id, status, added_at, status_at)
SELECT DISTINCT ON (p.source_campaign_id, p.customer_id) p.source_campaign_id, p.customer_id,
       CASE WHEN p.stage = 'WON' THEN 'CONVERTED' ELSE 'RESPONDED' END, p.created_at, coalesce(p.closed_at, p.created_at)
FROM opportunities p WHERE p.source_campaign_id IS NOT NULL
ON CONFLICT (campaign_id, customer_id) DO NOTHING;

-- Won campaign opportunities were sold through an accepted quote for the customer's next order: payments on that
-- order are the campaign's revenue.
INSERT INTO quotes (customer_id, opportunity_id, owner_id, team_id, status, quote_date, valid_until, total, order_id,
                    created_at, updated_at)
SELECT DISTINCT ON (p.id) p.customer_id, p.id, p.owner_id, p.team_id, 'ACCEPTED', o.order_date, o.order_date + 14,
       o.total, o.id, o.order_date::timestamptz, o.order_date::timestamptz
FROM opportunities p
JOIN orders o ON o.customer_id = p.customer_id AND o.order_date >= p.created_at::date AND o.status <> 'CANCELLED'
WHERE p.source_campaign_id IS NOT NULL AND p.stage = 'WON'
ORDER BY p.id, o.order_date, o.id;

-- Coupons: a shared code for the tasting, unique codes issued for Double 11 and the mid-autumn SMS, and the
-- coupon of the upcoming member day.
INSERT INTO coupons (name, campaign_id, discount_type, discount_value, min_spend, valid_from, valid_until, total_limit,
                     per_customer_limit, code_mode, shared_code, used, owner_id, created_at)
SELECT c.name, k.id, c.type, c.value, c.min_spend, k.start_date, k.end_date + c.extra_days, c.total_limit, 1,
       c.mode, c.code, 0, o.id, k.start_date::timestamptz
FROM demo_mkt_owner o, (VALUES
  ('品鉴会满 500 减 50 Tasting ¥50 off', '春茶%', 'FIXED', 50.00, 500.00, 30, 2000, 'SHARED', 'SPRINGTEA50'),
  ('双十一 9 折 Double 11 10% off', '双十一%', 'PERCENT', 10.00, 0.00, 10, NULL, 'UNIQUE', NULL),
  ('中秋礼盒立减 80 Mid-autumn ¥80 off', '中秋%', 'FIXED', 80.00, 400.00, 30, NULL, 'UNIQUE', NULL)
) AS c(name, campaign, type, value, min_spend, extra_days, total_limit, mode, code)
JOIN campaigns k ON k.name LIKE c.campaign;

INSERT INTO coupon_codes (coupon_id, code, customer_id, issued_at)
SELECT p.id, marketing_coupon_code(), m.customer_id, k.start_date::timestamptz
FROM coupons p JOIN campaigns k ON k.id = p.campaign_id JOIN campaign_members m ON m.campaign_id = k.id
WHERE p.code_mode = 'UNIQUE'
ON CONFLICT DO NOTHING;
ANALYZE coupons, coupon_codes;

-- Redemptions on open, unpaid orders of the mid-autumn members: the discount is taken off their totals.
-- (joins, not LATERAL ... ORDER BY ... LIMIT 1: that plan walks the orders by date for customers without one)
CREATE TEMP TABLE demo_mkt_redeemed ON COMMIT DROP AS
SELECT DISTINCT ON (x.customer_id) x.id AS code_id, x.coupon_id, x.code, x.customer_id, o.id AS order_id,
       least(p.discount_value, o.total) AS discount
FROM coupons p
JOIN coupon_codes x ON x.coupon_id = p.id AND x.customer_id % 2 = 0
JOIN orders o ON o.customer_id = x.customer_id AND o.status IN ('DRAFT','CONFIRMED') AND o.paid = 0
  AND o.total >= p.min_spend AND o.coupon_code IS NULL
WHERE p.name LIKE '中秋%'
ORDER BY x.customer_id, o.order_date DESC, o.id;
UPDATE orders o SET coupon_code = r.code, discount = r.discount, total = o.total - r.discount
FROM demo_mkt_redeemed r WHERE o.id = r.order_id;
UPDATE coupon_codes x SET order_id = r.order_id, redeemed_at = now() - interval '5 days'
FROM demo_mkt_redeemed r WHERE x.id = r.code_id;
INSERT INTO coupon_redemptions (coupon_id, code_id, code, customer_id, order_id, discount, redeemed_at)
SELECT coupon_id, code_id, code, customer_id, order_id, discount, now() - interval '5 days' FROM demo_mkt_redeemed;
UPDATE coupons p SET used = (SELECT count(*) FROM coupon_redemptions r WHERE r.coupon_id = p.id AND r.released_at IS NULL);
UPDATE campaign_members m SET status = 'CONVERTED', status_at = now() - interval '5 days'
FROM demo_mkt_redeemed r JOIN coupons p ON p.id = r.coupon_id
WHERE m.campaign_id = p.campaign_id AND m.customer_id = r.customer_id;

-- The next member day: in a week, past buyers of the last 6 months get a personal ¥30 code.
INSERT INTO coupons (name, discount_type, discount_value, min_spend, valid_from, valid_until, per_customer_limit,
                     code_mode, owner_id)
SELECT '会员日 ¥30 券 Member day ¥30', 'FIXED', 30.00, 200.00, current_date + 7, current_date + 37, 1, 'UNIQUE', o.id
FROM demo_mkt_owner o;
INSERT INTO campaigns (name, channel, status, budget, start_date, end_date, segment_id, description, scheduled_on,
                       coupon_id, buyer_months, owner_id)
SELECT '会员日 Member day', 'MEMBER_DAY', 'PLANNED', 5000.00, current_date + 7, current_date + 7,
       (SELECT id FROM segments WHERE name LIKE '近一年老客户%'), '每月会员日：老客户专属优惠券', current_date + 7,
       (SELECT id FROM coupons WHERE name LIKE '会员日%'), 6, o.id
FROM demo_mkt_owner o;
UPDATE coupons SET campaign_id = (SELECT id FROM campaigns WHERE channel = 'MEMBER_DAY') WHERE name LIKE '会员日%';

ANALYZE segments, segment_members, campaigns, campaign_members, campaign_expenses, coupons, coupon_codes,
        coupon_redemptions;
