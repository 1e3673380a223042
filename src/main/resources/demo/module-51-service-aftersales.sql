-- Demo after-sales data: CSAT answers after the demo's closed tickets (demo/module-50-service.sql runs first), two
-- NPS campaigns with answers, and after-sales requests in every state (refunded ones with their negative payments).
-- Deterministic (setseed); runs in the loader's transaction after demo/sales.sql.
SELECT setseed(0.51);

-- Who answered surveys are about: the service agents (any seller when there is none), round robin.
CREATE TEMP TABLE demo_agents ON COMMIT DROP AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id, team_id
FROM users
WHERE enabled AND (role = 'SERVICE_AGENT'
  OR (role IN ('SALES_REP', 'MANAGER') AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'SERVICE_AGENT')));

-- CSAT: a survey after every closed demo ticket; 60 % answered, mostly satisfied.
CREATE TEMP TABLE demo_csat ON COMMIT DROP AS
SELECT t.id AS ticket_id, t.customer_id, t.owner_id, t.team_id, t.closed_at,
       random() AS answer_r, random() AS score_r, random() AS comment_r, random() AS agent_r
FROM tickets t
WHERE t.status = 'CLOSED' AND t.closed_at IS NOT NULL
ORDER BY t.id;

INSERT INTO survey_invitations (kind, ticket_id, customer_id, agent_id, team_id, language, expires_at, mail_status,
                                created_at, score, comment, answered_at)
SELECT 'CSAT', s.ticket_id, s.customer_id, coalesce(s.owner_id, a.id), coalesce(s.team_id, a.team_id),
       CASE WHEN s.comment_r < 0.8 THEN 'zh_CN' ELSE 'en' END, s.closed_at + interval '14 days', 'SENT', s.closed_at,
       CASE WHEN s.answer_r < 0.6 THEN
         CASE WHEN s.score_r < 0.45 THEN 5 WHEN s.score_r < 0.75 THEN 4 WHEN s.score_r < 0.87 THEN 3
              WHEN s.score_r < 0.95 THEN 2 ELSE 1 END END,
       CASE WHEN s.answer_r < 0.6 AND s.comment_r < 0.3 THEN
         (ARRAY['处理很及时，谢谢！', '客服态度很好', 'Quick and friendly help', '问题解决了，但等了比较久',
                'Had to call twice', '希望能更快回复'])[1 + floor(s.comment_r * 20)::int] END,
       CASE WHEN s.answer_r < 0.6 THEN least(now(), s.closed_at + make_interval(hours => 1 + floor(s.answer_r * 60)::int)) END
FROM demo_csat s
JOIN demo_agents a ON a.n = floor(s.agent_r * (SELECT count(*) FROM demo_agents))::int
ON CONFLICT DO NOTHING;

-- NPS: two campaigns, each to one customer in twenty; 40 % answered.
INSERT INTO survey_campaigns (name, language, filters, expiry_days, created_by, created_at, sent_at, invited)
SELECT v.name, 'zh_CN', jsonb_build_object('name', v.name, 'language', 'zh_CN', 'expiryDays', 14), 14, u.id, v.at, v.at, 0
FROM (VALUES ('2025 下半年 NPS 调查 H2 NPS', now() - interval '200 days'),
             ('2026 上半年 NPS 调查 H1 NPS', now() - interval '40 days')) AS v(name, at)
CROSS JOIN (SELECT id FROM users ORDER BY role <> 'MARKETER', id LIMIT 1) u
WHERE NOT EXISTS (SELECT 1 FROM survey_campaigns);

INSERT INTO survey_invitations (kind, campaign_id, customer_id, agent_id, language, expires_at, mail_status, created_at,
                                score, comment, answered_at)
SELECT 'NPS', k.id, c.id, k.created_by, 'zh_CN', k.sent_at + interval '14 days',
       CASE WHEN c.email IS NULL THEN 'NO_ADDRESS' ELSE 'SENT' END, k.sent_at,
       CASE WHEN r.a < 0.4 THEN
         least(10, (ARRAY[0, 2, 4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 10])[1 + floor(r.s * 18)::int]
           + CASE WHEN k.name LIKE '2026%' AND r.s > 0.3 AND r.s < 0.6 THEN 1 ELSE 0 END) END,
       CASE WHEN r.a < 0.08 THEN (ARRAY['会推荐给朋友', 'Great tea, slow delivery', '价格偏高', '服务一流'])
         [1 + floor(r.s * 4)::int] END,
       CASE WHEN r.a < 0.4 THEN k.sent_at + make_interval(hours => 2 + floor(r.s * 200)::int) END
FROM survey_campaigns k
JOIN customers c ON c.deleted_at IS NULL AND c.id % 20 = (CASE WHEN k.name LIKE '2025%' THEN 7 ELSE 8 END)
CROSS JOIN LATERAL (SELECT random() + (c.id * 0) AS a, random() AS s) r
ON CONFLICT DO NOTHING;

UPDATE survey_campaigns k SET invited = (SELECT count(*) FROM survey_invitations i WHERE i.campaign_id = k.id);

-- Every answer on the customer's timeline, as the service module records it.
INSERT INTO customer_timeline (customer_id, occurred_at, kind, source, source_ref, title, detail, actor_name)
SELECT i.customer_id, i.answered_at, 'SURVEY_ANSWERED', 'service', 'survey:' || i.id,
       i.kind || ' ' || i.score || '/' || CASE WHEN i.kind = 'CSAT' THEN 5 ELSE 10 END, i.comment, c.name
FROM survey_invitations i JOIN customers c ON c.id = i.customer_id
WHERE i.answered_at IS NOT NULL
ON CONFLICT DO NOTHING;

-- After-sales requests in every state of every type, on fully paid orders of the last three months.
CREATE TEMP TABLE demo_return_plan ON COMMIT DROP AS
SELECT k, return_type, status, delivered, row_number() OVER (PARTITION BY delivered ORDER BY k) AS j
FROM (VALUES
  (1, 'RETURN_AND_REFUND', 'REQUESTED', true), (2, 'RETURN_AND_REFUND', 'APPROVED', true),
  (3, 'RETURN_AND_REFUND', 'GOODS_RETURNED', true), (4, 'RETURN_AND_REFUND', 'INSPECTED', true),
  (5, 'RETURN_AND_REFUND', 'REFUNDED', true), (6, 'RETURN_AND_REFUND', 'REFUNDED', true),
  (7, 'RETURN_AND_REFUND', 'REJECTED', true),
  (8, 'EXCHANGE', 'REQUESTED', true), (9, 'EXCHANGE', 'APPROVED', true), (10, 'EXCHANGE', 'GOODS_RETURNED', true),
  (11, 'EXCHANGE', 'INSPECTED', true), (12, 'EXCHANGE', 'EXCHANGED', true),
  (13, 'REFUND_AFTER_RECEIPT', 'REQUESTED', true), (14, 'REFUND_AFTER_RECEIPT', 'APPROVED', true),
  (15, 'REFUND_AFTER_RECEIPT', 'REFUNDED', true), (16, 'REFUND_AFTER_RECEIPT', 'REJECTED', true),
  (17, 'REFUND_BEFORE_RECEIPT', 'REQUESTED', false), (18, 'REFUND_BEFORE_RECEIPT', 'APPROVED', false),
  (19, 'REFUND_BEFORE_RECEIPT', 'REFUNDED', false)) AS v(k, return_type, status, delivered);

CREATE TEMP TABLE demo_return_lines ON COMMIT DROP AS
SELECT row_number() OVER (PARTITION BY x.delivered ORDER BY x.order_id DESC) AS j, x.*
FROM (SELECT o.id AS order_id, l.id AS line_id, l.line_no, l.product_name, l.quantity, l.line_total, o.customer_id,
             o.currency, c.owner_id, c.team_id, o.status IN ('DELIVERED', 'COMPLETED') AS delivered
      FROM orders o
      JOIN order_lines l ON l.order_id = o.id AND l.line_no = 1
      JOIN customers c ON c.id = o.customer_id
      WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED', 'COMPLETED') AND o.paid = o.total AND o.total > 0
        AND o.order_date > current_date - 90) x;

CREATE TEMP TABLE demo_returns ON COMMIT DROP AS
SELECT p.k, p.return_type, p.status, l.*,
       CASE WHEN p.return_type = 'EXCHANGE' THEN NULL
            WHEN p.return_type = 'REFUND_AFTER_RECEIPT' THEN round(l.line_total * 0.3, 2) ELSE l.line_total END AS amount,
       now() - make_interval(days => 1 + (p.k % 6)::int, hours => (p.k * 5 % 24)::int) AS created_at,
       CASE WHEN p.status = 'REFUNDED' THEN nextval(pg_get_serial_sequence('payments', 'id')) END AS payment_id,
       (SELECT id FROM demo_agents ORDER BY n LIMIT 1) AS agent_id
FROM demo_return_plan p JOIN demo_return_lines l ON l.delivered = p.delivered AND l.j = p.j;

INSERT INTO payments (id, order_id, customer_id, amount, currency, method, received_on, reference, recorded_by,
                      order_line_id, created_at)
SELECT payment_id, order_id, customer_id, -amount, currency, 'ALIPAY', (created_at + interval '1 day')::date,
       'RMA-DEMO-' || k, agent_id, line_id, created_at + interval '1 day'
FROM demo_returns WHERE payment_id IS NOT NULL AND agent_id IS NOT NULL;

UPDATE orders o SET paid = o.paid - r.amount, total = o.total - r.amount
FROM demo_returns r WHERE r.payment_id IS NOT NULL AND r.agent_id IS NOT NULL AND o.id = r.order_id;

INSERT INTO return_requests (return_type, status, order_id, order_line_id, order_number, line_no, product_name,
                             customer_id, owner_id, team_id, quantity, amount, currency, reason, reject_reason,
                             resellable, inspection_note, refunded_amount, refund_payment_id, requested_by, created_at,
                             decided_at, goods_returned_at, inspected_at, closed_at, updated_at)
SELECT r.return_type, r.status, r.order_id, r.line_id, 'SO-' || lpad(r.order_id::text, 6, '0'), r.line_no,
       r.product_name, r.customer_id, r.owner_id, r.team_id, r.quantity, r.amount, r.currency,
       CASE WHEN r.return_type IN ('RETURN_AND_REFUND', 'EXCHANGE') AND r.k % 2 = 1 THEN NULL
            ELSE (ARRAY['包装破损 damaged packaging', '颜色不对 wrong colour', '质量问题 defective',
                        '迟迟未发货 not shipped in time'])[1 + (r.k % 4)::int] END,
       CASE WHEN r.status = 'REJECTED' THEN '超过退货期且商品已使用 used and past the return window' END,
       CASE WHEN r.status IN ('INSPECTED', 'REFUNDED', 'EXCHANGED') AND r.return_type IN ('RETURN_AND_REFUND', 'EXCHANGE')
            THEN true END,
       CASE WHEN r.status IN ('INSPECTED', 'REFUNDED', 'EXCHANGED') AND r.return_type IN ('RETURN_AND_REFUND', 'EXCHANGE')
            THEN '包装完好，可二次销售 as new' END,
       CASE WHEN r.status = 'REFUNDED' THEN r.amount END, r.payment_id, r.agent_id, r.created_at,
       CASE WHEN r.status <> 'REQUESTED' THEN r.created_at + interval '2 hours' END,
       CASE WHEN r.status IN ('GOODS_RETURNED', 'INSPECTED', 'EXCHANGED')
              OR (r.status = 'REFUNDED' AND r.return_type = 'RETURN_AND_REFUND') THEN r.created_at + interval '20 hours' END,
       CASE WHEN r.status IN ('INSPECTED', 'EXCHANGED')
              OR (r.status = 'REFUNDED' AND r.return_type = 'RETURN_AND_REFUND') THEN r.created_at + interval '22 hours' END,
       CASE WHEN r.status IN ('REJECTED', 'REFUNDED', 'EXCHANGED') THEN r.created_at + interval '1 day' END,
       r.created_at
FROM demo_returns r WHERE r.agent_id IS NOT NULL;
