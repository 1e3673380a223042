-- Solutions knowledge base (解决方案): Markdown articles, searchable in English (stemmed full text) and Chinese
-- (one- and two-character grams, guanxi_grams of the customer module's V1_4).
CREATE TABLE kb_articles (
    id            bigserial PRIMARY KEY,
    title         varchar(200) NOT NULL,
    body          text         NOT NULL,
    tags          text[]       NOT NULL DEFAULT '{}',
    product_id    bigint,
    author_id     bigint       NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    helpful_count integer      NOT NULL DEFAULT 0,
    version       integer      NOT NULL DEFAULT 0
);
CREATE INDEX kb_articles_english ON kb_articles USING gin (to_tsvector('english', title || ' ' || body));
CREATE INDEX kb_articles_grams ON kb_articles USING gin (guanxi_grams(title || ' ' || body));
CREATE INDEX kb_articles_tags ON kb_articles USING gin (tags);

-- one "helpful" vote per user and article
CREATE TABLE kb_votes (
    article_id bigint      NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL,
    voted_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, user_id)
);

-- articles that solved a ticket
CREATE TABLE kb_article_tickets (
    article_id bigint      NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    ticket_id  bigint      NOT NULL REFERENCES tickets (id),
    linked_by  bigint      NOT NULL,
    linked_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, ticket_id)
);
CREATE INDEX kb_article_tickets_ticket ON kb_article_tickets (ticket_id);
