-- Demo customer service data on top of the demo customers and staff: tickets of the last year (inquiries,
-- complaints at every step of the complaint workflow, suggestions), replies, status histories, SLA breaches and
-- escalations, and knowledge-base articles in Chinese and English linked to the tickets they solved.
-- Deterministic (setseed); set-based; runs in the loader's transaction after demo/sales.sql.
-- Deadlines here are approximations in wall-clock time (the application computes them in business hours).
SELECT setseed(0.42);

-- Who handles service: the service agents (赵磊), else any admin; managers for escalations.
CREATE TEMP TABLE demo_service_staff ON COMMIT DROP AS
SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM users WHERE role = 'SERVICE_AGENT' AND enabled),
                (SELECT array_agg(id ORDER BY id) FROM users WHERE role = 'ADMIN')) AS agents,
       coalesce((SELECT array_agg(id ORDER BY id) FROM users WHERE role IN ('ADMIN', 'MANAGER') AND enabled), '{}') AS managers;

-- Knowledge base (解决方案)
INSERT INTO kb_articles (title, body, tags, product_id, author_id, created_at, updated_at, helpful_count)
SELECT a.title, a.body, a.tags, (SELECT id FROM products WHERE sku = a.sku), s.agents[1],
       now() - a.age * interval '1 day', now() - a.age * interval '1 day' + interval '2 days', a.helpful
FROM demo_service_staff s, (VALUES
  ('七天无理由退货流程', E'## 适用范围\n\n客户**签收后七天内**可申请无理由退货，商品须完好、可二次销售。\n\n1. 在订单页提交退货申请\n2. 客服审核后寄回商品\n3. 仓库验货登记后退款\n\n> 定制商品和已拆封的食品不适用。', ARRAY['售后', '退货', '七天无理由'], NULL, 40, 23),
  ('茶叶受潮或破损的处理办法', E'收到的茶叶**包装破损或受潮**时：\n\n- 请客户拍照留存（外箱、内包装、茶叶）\n- 登记为投诉，原因选择"产品质量"\n- 补发同款或全额退款，由客户选择\n\n处理完成后三天内回访。', ARRAY['投诉', '产品质量', '茶叶'], 'TEA-LJ-250', 30, 17),
  ('发票开具与寄送', E'增值税普通发票在订单**确认收款后 3 个工作日**内开具。\n\n电子发票发送到客户预留邮箱；纸质发票随货或单独快递。抬头有误可作废重开一次。', ARRAY['发票', '财务'], NULL, 60, 11),
  ('紫砂壶开壶与保养', E'新壶使用前：\n\n1. 清水煮 30 分钟\n2. 用所泡茶叶再煮 30 分钟\n3. 自然晾干\n\n**不要**使用洗洁精清洗。', ARRAY['茶具', '保养'], 'POT-ZS-1', 90, 9),
  ('How refunds are processed', E'## Refund steps\n\nRefunds go back to the **original payment method**:\n\n1. The return is inspected and registered\n2. Finance approves the refund\n3. The refund is booked as a negative payment\n\nBank transfers take 3–5 working days.', ARRAY['refund', 'after-sales'], NULL, 35, 14),
  ('Resetting a CRM subscription password', E'Users reset their password from the login page (*Forgot password*).\n\nAdmins can also unlock an account that was locked after too many failed logins under **Admin → Users**.', ARRAY['software', 'account'], 'SW-CRM-Y', 50, 8),
  ('Electric kettle does not switch on', E'Check in this order:\n\n- the base is plugged in and the socket works\n- the kettle sits flat on the base\n- the lid is fully closed (safety switch)\n\nIf it still does not heat, offer an **exchange** (换货) within the warranty.', ARRAY['appliances', 'troubleshooting'], 'KTL-EL-1', 20, 6),
  ('服务器上架与保修说明', E'机架服务器提供**三年上门保修**。\n\n报修时请提供序列号和故障现象；紧急故障 4 小时内响应。', ARRAY['硬件', '保修'], 'HW-SRV-1', 75, 5)
) AS a(title, body, tags, sku, age, helpful)
WHERE s.agents IS NOT NULL;

-- Tickets: one customer in twenty, one to two tickets each, over the last year (or guanxi.demo.tickets in all).
CREATE TEMP TABLE demo_ticket_plan ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('tickets', 'id')) AS id, c.id AS customer_id, c.team_id,
       -- a quarter in the last month, so that open tickets are at every step
       now() - (CASE WHEN random() < 0.25 THEN random() * 30 ELSE random() * 365 END) * interval '1 day' AS created_at, random() AS type_r, random() AS prio_r,
       random() AS step_r, random() AS late_r, random() AS pick_r
FROM customers c CROSS JOIN LATERAL generate_series(1, 1 + (c.id % 2)::int) AS n
WHERE c.deleted_at IS NULL AND c.id % 20 = 7 AND (SELECT tickets FROM demo_sizes) IS NULL;

-- Or exactly guanxi.demo.tickets, each for a random customer (demo_pick: demo/sizes.sql).
INSERT INTO demo_ticket_plan
SELECT nextval(pg_get_serial_sequence('tickets', 'id')), c.id, c.team_id,
       now() - (CASE WHEN random() < 0.25 THEN random() * 30 ELSE random() * 365 END) * interval '1 day',
       random(), random(), random(), random(), random()
FROM pg_temp.demo_draw((SELECT tickets FROM demo_sizes), false) d JOIN demo_pick c ON c.rn = d.rn;

ALTER TABLE demo_ticket_plan ADD COLUMN type TEXT, ADD COLUMN priority TEXT, ADD COLUMN status TEXT,
  ADD COLUMN fr_hours INT, ADD COLUMN res_hours INT;
UPDATE demo_ticket_plan SET
  type = CASE WHEN type_r < 0.45 THEN 'INQUIRY' WHEN type_r < 0.80 THEN 'COMPLAINT' ELSE 'SUGGESTION' END,
  priority = CASE WHEN prio_r < 0.15 THEN 'LOW' WHEN prio_r < 0.65 THEN 'NORMAL' WHEN prio_r < 0.90 THEN 'HIGH' ELSE 'URGENT' END;
UPDATE demo_ticket_plan SET
  fr_hours = CASE priority WHEN 'URGENT' THEN 2 WHEN 'HIGH' THEN 4 WHEN 'NORMAL' THEN 24 ELSE 48 END,
  res_hours = CASE priority WHEN 'URGENT' THEN 24 WHEN 'HIGH' THEN 48 WHEN 'NORMAL' THEN 96 ELSE 168 END,
  -- older tickets are mostly closed
  status = CASE WHEN created_at < now() - interval '21 days' AND step_r < 0.93 THEN 'CLOSED' END;
-- the others are spread over every step of their workflow in turn
UPDATE demo_ticket_plan p SET status = s.status
FROM (SELECT id, CASE WHEN type = 'COMPLAINT'
               THEN (ARRAY['RECEIVED', 'RECORDED', 'SOLUTION_PROPOSED', 'CUSTOMER_CONFIRMED', 'FOLLOWED_UP', 'CLOSED'])
                    [1 + ((row_number() OVER (PARTITION BY type = 'COMPLAINT' ORDER BY id) - 1) % 6)::int]
               ELSE (ARRAY['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'])
                    [1 + ((row_number() OVER (PARTITION BY type = 'COMPLAINT' ORDER BY id) - 1) % 4)::int] END AS status
      FROM demo_ticket_plan WHERE status IS NULL) s
WHERE s.id = p.id;

-- One ticket in six responds late, one in five resolves late.
INSERT INTO tickets (id, type, channel, priority, status, customer_id, subject, description, owner_id, team_id,
                     created_by, created_at, first_response_due, resolution_due, first_response_at, resolved_at,
                     closed_at, key_points, valid, invalid_reason, cause, solution, follow_up)
SELECT p.id, p.type,
       (ARRAY['PHONE', 'EMAIL', 'WEB_FORM', 'CHAT', 'IN_PERSON'])[1 + (p.id % 5)::int], p.priority, p.status,
       p.customer_id, subj.subject, subj.description,
       s.agents[1 + floor(p.pick_r * array_length(s.agents, 1))::int], p.team_id, s.agents[1], p.created_at,
       p.created_at + p.fr_hours * interval '1 hour', p.created_at + p.res_hours * interval '1 hour',
       -- times never lie in the future
       CASE WHEN p.status IN ('OPEN', 'RECEIVED') THEN NULL
            ELSE least(now() - interval '2 minutes', p.created_at + p.fr_hours * (CASE WHEN p.late_r < 0.17 THEN 1.5 ELSE 0.2 + p.late_r * 0.6 END) * interval '1 hour') END,
       CASE WHEN p.status IN ('RESOLVED', 'CUSTOMER_CONFIRMED', 'FOLLOWED_UP', 'CLOSED')
            THEN least(now() - interval '1 minute', p.created_at + p.res_hours * (CASE WHEN p.late_r < 0.20 THEN 1.4 ELSE 0.3 + p.late_r * 0.6 END) * interval '1 hour') END,
       CASE WHEN p.status = 'CLOSED'
            THEN least(now(), p.created_at + p.res_hours * (CASE WHEN p.late_r < 0.20 THEN 1.4 ELSE 0.3 + p.late_r * 0.6 END) * interval '1 hour' + interval '1 day') END,
       CASE WHEN p.type = 'COMPLAINT' AND p.status <> 'RECEIVED' THEN subj.key_points END,
       CASE WHEN p.type = 'COMPLAINT' AND p.status <> 'RECEIVED' THEN NOT (p.status = 'CLOSED' AND p.step_r > 0.85) END,
       CASE WHEN p.type = 'COMPLAINT' AND p.status = 'CLOSED' AND p.step_r > 0.85 THEN '合同已注明该条款 The contract states this term' END,
       CASE WHEN p.type = 'COMPLAINT' AND p.status <> 'RECEIVED'
            THEN (ARRAY['PRODUCT_QUALITY', 'PRODUCT_QUALITY', 'SERVICE_STAFF', 'CUSTOMER_MISUSE', 'EXPECTATION_TOO_HIGH'])[1 + (p.id % 5)::int] END,
       CASE WHEN p.type = 'COMPLAINT' AND p.status IN ('SOLUTION_PROPOSED', 'CUSTOMER_CONFIRMED', 'FOLLOWED_UP')
                 OR (p.type = 'COMPLAINT' AND p.status = 'CLOSED' AND p.step_r <= 0.85) THEN subj.solution END,
       CASE WHEN p.type = 'COMPLAINT' AND (p.status = 'FOLLOWED_UP' OR (p.status = 'CLOSED' AND p.step_r <= 0.85))
            THEN '三天后回访，客户表示满意 Called back after three days: the customer is satisfied' END
FROM demo_ticket_plan p CROSS JOIN demo_service_staff s
CROSS JOIN LATERAL (SELECT * FROM (VALUES
  ('INQUIRY', 0, '发票什么时候寄出？ When is the invoice sent?', '客户询问上月订单的发票。', NULL, NULL),
  ('INQUIRY', 1, 'How do I reset my password?', 'Locked out of the CRM subscription.', NULL, NULL),
  ('INQUIRY', 2, '紫砂壶怎么开壶？', '新买的紫砂壶第一次使用。', NULL, NULL),
  ('COMPLAINT', 0, '收到的茶叶包装破损', '快递到货时外箱压坏，内包装破裂。', '外箱和内包装破损，茶叶受潮', '补发一盒同款并致歉'),
  ('COMPLAINT', 1, 'Delivery two weeks late', 'The order arrived two weeks after the promised date.', 'Late delivery, no notice given', 'Refund the shipping fee and a 10% coupon'),
  ('COMPLAINT', 2, '客服电话一直打不通', '连续三天拨打客服热线无人接听。', '热线无人接听，服务态度差', '专人回电并赠送积分'),
  ('SUGGESTION', 0, '希望增加小包装', '建议推出 50g 试饮装。', NULL, NULL),
  ('SUGGESTION', 1, 'Add WeChat Pay on the web shop', 'Customers would like to pay with WeChat Pay.', NULL, NULL),
  ('SUGGESTION', 2, '礼盒可以定制贺卡吗', '企业采购希望附带定制贺卡。', NULL, NULL)
) AS v(type, n, subject, description, key_points, solution) WHERE v.type = p.type AND v.n = p.id % 3) AS subj
WHERE s.agents IS NOT NULL;

-- Status history: opened, then the current status (who: the owner).
INSERT INTO ticket_transitions (ticket_id, from_status, to_status, actor_id, at)
SELECT id, NULL, CASE type WHEN 'COMPLAINT' THEN 'RECEIVED' ELSE 'OPEN' END, created_by, created_at
FROM tickets WHERE id IN (SELECT id FROM demo_ticket_plan);
INSERT INTO ticket_transitions (ticket_id, from_status, to_status, actor_id, at)
SELECT id, CASE type WHEN 'COMPLAINT' THEN 'RECEIVED' ELSE 'OPEN' END, status, owner_id,
       coalesce(closed_at, resolved_at, first_response_at, created_at + interval '1 hour')
FROM tickets WHERE id IN (SELECT id FROM demo_ticket_plan) AND status NOT IN ('OPEN', 'RECEIVED');

-- The first reply to the customer is the first response.
INSERT INTO ticket_comments (ticket_id, author_id, body, customer_visible, created_at)
SELECT id, owner_id, CASE WHEN id % 2 = 0 THEN '您好，我们已收到您的反馈，正在处理，请稍候。'
                          ELSE 'Hello, we received your request and are working on it.' END, true, first_response_at
FROM tickets WHERE id IN (SELECT id FROM demo_ticket_plan) AND first_response_at IS NOT NULL;
INSERT INTO ticket_comments (ticket_id, author_id, body, customer_visible, created_at)
SELECT id, owner_id, '已与仓库核实 Checked with the warehouse', false, created_at + interval '30 minutes'
FROM tickets WHERE id IN (SELECT id FROM demo_ticket_plan) AND id % 4 = 0;

-- SLA breaches as the escalation job would have recorded them, and their escalations.
INSERT INTO ticket_breaches (ticket_id, kind, deadline, detected_at)
SELECT id, 'FIRST_RESPONSE', first_response_due, first_response_due + interval '5 minutes'
FROM tickets WHERE id IN (SELECT id FROM demo_ticket_plan)
  AND first_response_due < coalesce(first_response_at, resolved_at, now())
UNION ALL
SELECT id, 'RESOLUTION', resolution_due, resolution_due + interval '5 minutes'
FROM tickets WHERE id IN (SELECT id FROM demo_ticket_plan) AND resolution_due < coalesce(resolved_at, now());

INSERT INTO ticket_escalations (ticket_id, breach_kind, level, escalated_at, notified)
SELECT b.ticket_id, b.kind,
       least(2, row_number() OVER (PARTITION BY b.ticket_id ORDER BY b.deadline, b.kind))::int, b.detected_at,
       CASE WHEN least(2, row_number() OVER (PARTITION BY b.ticket_id ORDER BY b.deadline, b.kind)) = 1
                 AND tm.manager_id IS NOT NULL THEN ARRAY[tm.manager_id] ELSE s.managers END
FROM ticket_breaches b JOIN tickets t ON t.id = b.ticket_id LEFT JOIN teams tm ON tm.id = t.team_id
CROSS JOIN demo_service_staff s
WHERE b.ticket_id IN (SELECT id FROM demo_ticket_plan);
UPDATE tickets t SET escalation_level = e.level
FROM (SELECT ticket_id, max(level) AS level FROM ticket_escalations GROUP BY ticket_id) e
WHERE e.ticket_id = t.id AND t.id IN (SELECT id FROM demo_ticket_plan);

-- Articles that solved closed tickets of their kind.
INSERT INTO kb_article_tickets (article_id, ticket_id, linked_by, linked_at)
SELECT a.id, t.id, t.owner_id, coalesce(t.resolved_at, t.created_at)
FROM tickets t JOIN kb_articles a ON a.title = CASE t.id % 3
    WHEN 0 THEN CASE t.type WHEN 'COMPLAINT' THEN '茶叶受潮或破损的处理办法' ELSE '发票开具与寄送' END
    WHEN 1 THEN CASE t.type WHEN 'COMPLAINT' THEN 'How refunds are processed' ELSE 'Resetting a CRM subscription password' END
    ELSE '紫砂壶开壶与保养' END
WHERE t.id IN (SELECT id FROM demo_ticket_plan) AND t.status = 'CLOSED' AND t.type <> 'SUGGESTION'
ON CONFLICT DO NOTHING;

-- The customers' timelines: opened and closed tickets.
INSERT INTO customer_timeline (customer_id, occurred_at, kind, source, source_ref, title, detail, actor_name)
SELECT t.customer_id, t.created_at, 'TICKET_OPENED', 'service', 'ticket:' || t.id::text, '#' || t.id || ' ' || t.subject,
       CASE t.type WHEN 'INQUIRY' THEN 'Inquiry 咨询' WHEN 'COMPLAINT' THEN 'Complaint 投诉' ELSE 'Suggestion 建议' END,
       u.display_name
FROM tickets t LEFT JOIN users u ON u.id = t.created_by WHERE t.id IN (SELECT id FROM demo_ticket_plan)
UNION ALL
SELECT t.customer_id, t.closed_at, 'TICKET_CLOSED', 'service', 'ticket:' || t.id::text, '#' || t.id || ' ' || t.subject,
       CASE t.type WHEN 'INQUIRY' THEN 'Inquiry 咨询' WHEN 'COMPLAINT' THEN 'Complaint 投诉' ELSE 'Suggestion 建议' END,
       u.display_name
FROM tickets t LEFT JOIN users u ON u.id = t.owner_id WHERE t.id IN (SELECT id FROM demo_ticket_plan) AND t.closed_at IS NOT NULL
ON CONFLICT DO NOTHING;

ANALYZE tickets;
ANALYZE kb_articles;
