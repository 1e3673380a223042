-- Customer feedback (客户反馈): tickets of three types, their status history, comments and attachments.
CREATE TABLE tickets (
    id                 bigserial PRIMARY KEY,
    type               varchar(20)  NOT NULL CHECK (type IN ('INQUIRY', 'COMPLAINT', 'SUGGESTION')),
    channel            varchar(20)  NOT NULL,
    priority           varchar(10)  NOT NULL,
    status             varchar(30)  NOT NULL,
    customer_id        bigint       NOT NULL,
    contact_id         bigint,
    subject            varchar(200) NOT NULL,
    description        text,
    owner_id           bigint,
    team_id            bigint,
    created_by         bigint       NOT NULL,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    -- SLA: deadlines computed in business hours when the ticket opens (or its priority changes)
    first_response_due timestamptz  NOT NULL,
    resolution_due     timestamptz  NOT NULL,
    first_response_at  timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    escalation_level   integer      NOT NULL DEFAULT 0,
    -- complaint handling (投诉处理)
    key_points         text,
    valid              boolean,
    invalid_reason     text,
    cause              varchar(30),
    solution           text,
    follow_up          text,
    version            integer      NOT NULL DEFAULT 0
);
CREATE INDEX tickets_status_created ON tickets (status, created_at DESC);
CREATE INDEX tickets_customer ON tickets (customer_id, created_at DESC);
CREATE INDEX tickets_owner ON tickets (owner_id, created_at DESC);
CREATE INDEX tickets_team ON tickets (team_id, created_at DESC);
-- subject search (ILIKE %…%)
CREATE INDEX tickets_subject_trgm ON tickets USING gin (subject gin_trgm_ops);
-- the escalation job's scan: unresolved tickets by deadline
CREATE INDEX tickets_unresolved_response ON tickets (first_response_due) WHERE first_response_at IS NULL AND resolved_at IS NULL AND closed_at IS NULL;
CREATE INDEX tickets_unresolved_resolution ON tickets (resolution_due) WHERE resolved_at IS NULL AND closed_at IS NULL;

-- every status change, with who and when
CREATE TABLE ticket_transitions (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint      NOT NULL REFERENCES tickets (id),
    from_status varchar(30),
    to_status   varchar(30) NOT NULL,
    actor_id    bigint,
    note        text,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_transitions_ticket ON ticket_transitions (ticket_id, at);

CREATE TABLE ticket_comments (
    id               bigserial PRIMARY KEY,
    ticket_id        bigint      NOT NULL REFERENCES tickets (id),
    author_id        bigint      NOT NULL,
    body             text        NOT NULL,
    customer_visible boolean     NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, created_at);

-- files live on disk (guanxi.service.attachments.dir) under stored_name, never in the database
CREATE TABLE ticket_attachments (
    id           bigserial PRIMARY KEY,
    ticket_id    bigint       NOT NULL REFERENCES tickets (id),
    file_name    varchar(255) NOT NULL,
    stored_name  varchar(64)  NOT NULL UNIQUE,
    content_type varchar(100) NOT NULL,
    size_bytes   bigint       NOT NULL,
    uploaded_by  bigint       NOT NULL,
    uploaded_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id);
