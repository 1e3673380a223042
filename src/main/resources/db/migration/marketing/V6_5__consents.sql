-- Opt-out per channel (退订): a row with opted_out = TRUE means "never send on this channel". No row: may send.
CREATE TABLE marketing_consents
(
  customer_id BIGINT NOT NULL,
  channel     TEXT NOT NULL CHECK (channel IN ('EMAIL','SMS')),
  opted_out   BOOLEAN NOT NULL,
  -- UNSUBSCRIBE_LINK (the customer clicked the link in an e-mail), STAFF (recorded by a user), API, IMPORT, DEMO
  source      TEXT NOT NULL,
  changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  changed_by  BIGINT,
  PRIMARY KEY (customer_id, channel)
);
CREATE INDEX marketing_consents_opted_out_idx ON marketing_consents (channel, customer_id) WHERE opted_out;
