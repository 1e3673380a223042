-- SLA policies: first-response and resolution times in business minutes, by priority and customer value tier.
-- A row with value_tier NULL applies to every tier without its own row.
CREATE TABLE sla_policies (
    id                       bigserial PRIMARY KEY,
    priority                 varchar(10) NOT NULL,
    value_tier               varchar(10),
    first_response_minutes   integer     NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes       integer     NOT NULL CHECK (resolution_minutes > 0),
    version                  integer     NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sla_policies_key ON sla_policies (priority, coalesce(value_tier, ''));

INSERT INTO sla_policies (priority, value_tier, first_response_minutes, resolution_minutes) VALUES
  ('URGENT', NULL, 60, 4 * 60),
  ('HIGH',   NULL, 2 * 60, 9 * 60),
  ('NORMAL', NULL, 4 * 60, 3 * 9 * 60),
  ('LOW',    NULL, 9 * 60, 5 * 9 * 60),
  ('URGENT', 'VIP', 30, 2 * 60),
  ('HIGH',   'VIP', 60, 4 * 60),
  ('NORMAL', 'VIP', 2 * 60, 9 * 60),
  ('LOW',    'VIP', 4 * 60, 2 * 9 * 60),
  ('NORMAL', 'MAJOR', 3 * 60, 2 * 9 * 60);

-- The business calendar (one row): working days (ISO 1 = Monday … 7 = Sunday) and hours in a time zone.
CREATE TABLE business_calendar (
    id         integer     PRIMARY KEY CHECK (id = 1),
    zone       varchar(50) NOT NULL,
    work_days  integer[]   NOT NULL,
    day_start  time        NOT NULL,
    day_end    time        NOT NULL CHECK (day_end > day_start),
    version    integer     NOT NULL DEFAULT 0
);
INSERT INTO business_calendar (id, zone, work_days, day_start, day_end)
VALUES (1, 'Asia/Shanghai', '{1,2,3,4,5}', '09:00', '18:00');

-- Days off on working days (public holidays). Make-up working weekends (调休) are not modelled.
CREATE TABLE business_holidays (
    day  date PRIMARY KEY,
    name varchar(100) NOT NULL
);
INSERT INTO business_holidays (day, name) VALUES
  ('2026-01-01', '元旦 New Year''s Day'),
  ('2026-01-02', '元旦 New Year''s Day'),
  ('2026-02-16', '春节 Spring Festival'),
  ('2026-02-17', '春节 Spring Festival'),
  ('2026-02-18', '春节 Spring Festival'),
  ('2026-02-19', '春节 Spring Festival'),
  ('2026-02-20', '春节 Spring Festival'),
  ('2026-04-06', '清明节 Qingming Festival'),
  ('2026-05-01', '劳动节 Labour Day'),
  ('2026-05-04', '劳动节 Labour Day'),
  ('2026-05-05', '劳动节 Labour Day'),
  ('2026-06-19', '端午节 Dragon Boat Festival'),
  ('2026-09-25', '中秋节 Mid-Autumn Festival'),
  ('2026-10-01', '国庆节 National Day'),
  ('2026-10-02', '国庆节 National Day'),
  ('2026-10-05', '国庆节 National Day'),
  ('2026-10-06', '国庆节 National Day'),
  ('2026-10-07', '国庆节 National Day');
