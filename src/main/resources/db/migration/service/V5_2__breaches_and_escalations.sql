-- SLA breaches, one per ticket and kind (FIRST_RESPONSE, RESOLUTION), as the escalation job detects them.
CREATE TABLE ticket_breaches (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint      NOT NULL REFERENCES tickets (id),
    kind        varchar(20) NOT NULL CHECK (kind IN ('FIRST_RESPONSE', 'RESOLUTION')),
    deadline    timestamptz NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ticket_breaches_once UNIQUE (ticket_id, kind)
);
CREATE INDEX ticket_breaches_detected ON ticket_breaches (detected_at);

-- Escalations (自动升级). The unique key is the claim: two job runs racing insert the same row, one wins
-- (INSERT ... ON CONFLICT DO NOTHING), so a breach is escalated and notified once.
CREATE TABLE ticket_escalations (
    id           bigserial PRIMARY KEY,
    ticket_id    bigint      NOT NULL REFERENCES tickets (id),
    breach_kind  varchar(20) NOT NULL,
    level        integer     NOT NULL CHECK (level IN (1, 2)),
    escalated_at timestamptz NOT NULL DEFAULT now(),
    notified     bigint[]    NOT NULL DEFAULT '{}',
    CONSTRAINT ticket_escalations_once UNIQUE (ticket_id, breach_kind, level)
);
CREATE INDEX ticket_escalations_ticket ON ticket_escalations (ticket_id, escalated_at);
