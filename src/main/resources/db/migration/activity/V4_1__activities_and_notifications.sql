-- Activities (calls, meetings, visits, e-mails, notes, tasks) on customers, and in-app notifications.
CREATE TABLE activities (
    id               bigserial PRIMARY KEY,
    type             varchar(20)  NOT NULL,
    customer_id      bigint       NOT NULL,
    contact_id       bigint,
    opportunity_id   bigint,
    subject          varchar(200) NOT NULL,
    notes            text,
    due_at           timestamptz,
    duration_minutes integer CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
    done             boolean      NOT NULL DEFAULT false,
    done_at          timestamptz,
    owner_id         bigint       NOT NULL,
    team_id          bigint,
    created_by       bigint       NOT NULL,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    reminded_at      timestamptz,
    version          integer      NOT NULL DEFAULT 0
);
CREATE INDEX activities_owner_due ON activities (owner_id, due_at);
CREATE INDEX activities_team_due ON activities (team_id, due_at);
CREATE INDEX activities_customer ON activities (customer_id, due_at DESC);
-- the reminder job's claim: open activities not yet reminded, by due time
CREATE INDEX activities_to_remind ON activities (due_at) WHERE NOT done AND reminded_at IS NULL;

CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    user_id    bigint       NOT NULL,
    kind       varchar(40)  NOT NULL,
    source_ref varchar(200) NOT NULL,
    title      varchar(300) NOT NULL,
    detail     text,
    link       varchar(300),
    created_at timestamptz  NOT NULL DEFAULT now(),
    read_at    timestamptz,
    -- one notification per user and cause, so redelivered events and repeated job runs notify once
    CONSTRAINT notifications_once UNIQUE (user_id, kind, source_ref)
);
CREATE INDEX notifications_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
