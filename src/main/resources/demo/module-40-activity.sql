-- Demo activities, only when guanxi.demo.activities asks for them (the demo has none by default): calls, e-mails,
-- meetings, visits, notes and tasks of the customers' owners over the last two years, most of them done, one in
-- ten due in the coming month, each with its entry in the customer's timeline as the activity pages write it.
-- Deterministic (setseed); set-based; runs in the loader's transaction after demo/sales.sql (demo_pick and
-- pg_temp.demo_draw: demo/sizes.sql).
SELECT setseed(0.42);

CREATE TEMP TABLE demo_activity_plan ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('activities', 'id')) AS id, c.id AS customer_id, c.owner_id, c.team_id,
       1 + floor(random() * 6)::int AS kind, d.g % 4 AS subject,
       CASE WHEN random() < 0.1 THEN now() + random() * interval '30 days'
            ELSE now() - random() * interval '730 days' END AS due_at,
       random() AS open_r
FROM pg_temp.demo_draw((SELECT activities FROM demo_sizes), false) d JOIN demo_pick c ON c.rn = d.rn;

INSERT INTO activities (id, type, customer_id, subject, notes, due_at, duration_minutes, done, done_at, owner_id,
                        team_id, created_by, created_at, reminded_at)
SELECT p.id, (ARRAY['CALL', 'EMAIL', 'MEETING', 'VISIT', 'NOTE', 'TASK'])[p.kind], p.customer_id,
       (ARRAY[ARRAY['回访电话 Follow-up call', '确认订单 Order confirmation', '催收提醒 Payment reminder', '节日问候 Holiday greetings'],
              ARRAY['发送报价 Quote sent', '发送资料 Brochure sent', '发票邮件 Invoice e-mail', '会议纪要 Meeting minutes'],
              ARRAY['需求沟通 Needs review', '方案演示 Solution demo', '季度复盘 Quarterly review', '合同谈判 Contract talks'],
              ARRAY['上门拜访 Site visit', '门店巡访 Store visit', '样品送达 Sample delivery', '安装验收 Installation check'],
              ARRAY['客户偏好 Customer preferences', '决策链记录 Decision makers', '竞品信息 Competitor notes', '预算说明 Budget notes'],
              ARRAY['准备报价 Prepare a quote', '寄送样品 Send samples', '更新联系人 Update contacts', '安排培训 Schedule training']])
         [p.kind][1 + p.subject::int],
       CASE WHEN p.subject = 0 THEN '客户反馈良好 The customer was pleased' END,
       p.due_at, CASE p.kind WHEN 1 THEN 15 WHEN 3 THEN 60 WHEN 4 THEN 90 END,
       -- past ones are done, but for one in twenty that is overdue
       p.due_at < now() AND p.open_r >= 0.05,
       CASE WHEN p.due_at < now() AND p.open_r >= 0.05 THEN p.due_at + interval '30 minutes' END,
       p.owner_id, p.team_id, p.owner_id, least(p.due_at, now()) - interval '2 days',
       -- overdue ones were reminded when they came due, so that the reminder job does not send them all at once
       CASE WHEN p.due_at < now() THEN p.due_at END
FROM demo_activity_plan p;

INSERT INTO customer_timeline (customer_id, occurred_at, kind, source, source_ref, title, detail, actor_name)
SELECT a.customer_id, a.created_at, 'ACTIVITY_LOGGED', 'activity', 'activity:' || a.id, a.subject,
       (ARRAY['Call 电话', 'E-mail 邮件', 'Meeting 会议', 'Visit 拜访', 'Note 备注', 'Task 任务'])[p.kind],
       u.display_name
FROM demo_activity_plan p JOIN activities a ON a.id = p.id LEFT JOIN users u ON u.id = a.owner_id;

ANALYZE activities;
