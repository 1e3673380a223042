-- Demo loyalty data on top of the demo payments: points earned on every payment by the same rule as the
-- PaymentReceived listener (the active base rule of the currency: floor(amount × points per unit × multiplier)),
-- lots older than the validity (24 months, guanxi.loyalty.points-valid-months' default) expired, some
-- redemptions, tiers as the nightly review would set them, and some opt-outs (consents). Set-based, deterministic.
SELECT setseed(0.42);

INSERT INTO loyalty_members (customer_id, joined_at)
SELECT customer_id, min(received_on)::timestamptz FROM payments GROUP BY customer_id
ON CONFLICT DO NOTHING;

-- The tier multiplier is left out: the history starts before anyone held a tier. Refunds (negative payments of the
-- after-sales demo) earn nothing here; the listener would reverse points for them.
INSERT INTO points_ledger (customer_id, kind, points, source, source_ref, occurred_on, expires_on, order_id, amount,
                           currency, rule_id, created_at)
SELECT p.customer_id, 'EARN', floor(p.amount * r.points_per_unit * r.multiplier)::int, 'payment', p.id::text,
       p.received_on, (p.received_on + interval '24 months')::date, p.order_id, p.amount, p.currency, r.id,
       p.received_on::timestamptz
FROM payments p JOIN points_rules r ON r.active AND r.campaign_id IS NULL AND r.currency = p.currency
WHERE p.amount > 0
ON CONFLICT DO NOTHING;

-- Lots past their date expire whole (nothing was redeemed before them), as the nightly job would have done.
INSERT INTO points_ledger (customer_id, kind, points, source, source_ref, occurred_on, lot_id, created_at)
SELECT l.customer_id, 'EXPIRE', -l.points, 'expiry', l.id::text, l.expires_on, l.id, l.expires_on::timestamptz
FROM points_ledger l
WHERE l.kind = 'EARN' AND l.points > 0 AND l.expires_on <= current_date
ON CONFLICT DO NOTHING;

-- About a third of the members with at least 500 points left redeemed 20–60 % of them (in hundreds) in the last
-- month: gifts and discounts.
INSERT INTO points_ledger (customer_id, kind, points, source, source_ref, occurred_on, reason, actor_name, created_at)
SELECT b.customer_id, 'REDEEM', -(floor(b.balance * (0.2 + 0.4 * b.r) / 100) * 100)::int, 'redemption',
       'demo-' || b.customer_id, b.day,
       (ARRAY['茶具礼盒 Tea set gift', '满减抵扣 Discount on order', '会员日礼品 Member-day gift',
              '包邮券 Free shipping'])[1 + floor(b.r * 4)::int],
       '演示 Demo', b.day::timestamptz
FROM (
  SELECT customer_id, sum(points) AS balance, random() AS r, current_date - floor(random() * 30)::int AS day
  FROM points_ledger GROUP BY customer_id
) b
WHERE b.balance >= 500 AND b.r < 0.34
ON CONFLICT DO NOTHING;

-- Tiers: the highest active tier whose rule each member meets today (the same query as TierService).
CREATE TEMP TABLE demo_member_tiers ON COMMIT DROP AS
SELECT DISTINCT ON (m.customer_id) m.customer_id, t.id AS tier_id, t.basis,
       CASE WHEN t.basis = 'SPEND' THEN coalesce(sum(l.amount), 0) ELSE coalesce(sum(l.points), 0) END AS measure
FROM loyalty_members m CROSS JOIN loyalty_tiers t
LEFT JOIN points_ledger l ON l.customer_id = m.customer_id AND l.kind IN ('EARN','REVERSAL')
     AND l.occurred_on > current_date - make_interval(months => t.period_months)
WHERE t.active
GROUP BY m.customer_id, t.id
HAVING (CASE WHEN t.basis = 'SPEND' THEN coalesce(sum(l.amount), 0) ELSE coalesce(sum(l.points), 0) END) >= t.threshold
ORDER BY m.customer_id, t.rank DESC;

UPDATE loyalty_members m SET tier_id = d.tier_id, tier_since = now() - (floor(random() * 300) || ' days')::interval
FROM demo_member_tiers d WHERE d.customer_id = m.customer_id;

INSERT INTO loyalty_tier_history (customer_id, from_tier_id, to_tier_id, changed_at, cause, reason)
SELECT m.customer_id, NULL, m.tier_id, m.tier_since, 'DEMO', d.basis || ' ' || d.measure
FROM loyalty_members m JOIN demo_member_tiers d ON d.customer_id = m.customer_id;

-- Opt-outs: about 3 % of the customers with an e-mail address unsubscribed from e-mail, 5 % of those with a
-- phone from SMS.
INSERT INTO marketing_consents (customer_id, channel, opted_out, source, changed_at)
SELECT id, 'EMAIL', TRUE, CASE WHEN random() < 0.7 THEN 'UNSUBSCRIBE_LINK' ELSE 'STAFF' END,
       now() - (floor(random() * 365) || ' days')::interval
FROM customers WHERE email IS NOT NULL AND deleted_at IS NULL AND random() < 0.03
ON CONFLICT DO NOTHING;
INSERT INTO marketing_consents (customer_id, channel, opted_out, source, changed_at)
SELECT id, 'SMS', TRUE, 'STAFF', now() - (floor(random() * 365) || ' days')::interval
FROM customers WHERE phone IS NOT NULL AND deleted_at IS NULL AND random() < 0.05
ON CONFLICT DO NOTHING;

-- Two message templates to start from.
INSERT INTO message_templates (name, channel, subject, body) VALUES
  ('会员日邀请 Member-day invitation', 'EMAIL', '{{name}}，会员日专享 Member day for you',
   '<p>尊敬的 {{name}}：</p><p>本周六是我们的会员日，全场茶具 8 折。您的客户经理 {{owner}} 期待您的光临。</p><p>Dear {{name}}, this Saturday is our member day: 20 % off all teaware. {{owner}} looks forward to seeing you.</p>'),
  ('优惠券短信 Coupon SMS', 'SMS', NULL, '{{name}}您好，您的会员日优惠券 {{coupon}} 已到账，限本周使用。');
