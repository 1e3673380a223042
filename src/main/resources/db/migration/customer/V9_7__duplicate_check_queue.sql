-- Customers an import wrote whose slower duplicate rules (names, organization, pinyin, homophones, similar names)
-- are still to be checked by the follow-up job (decision 0018). A row is queued in the import batch's own
-- transaction and deleted in the transaction that checks it, so a stopped instance leaves nothing unchecked.
CREATE TABLE duplicate_check_queue
(
  source      TEXT        NOT NULL,
  customer_id BIGINT      NOT NULL,
  queued_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (source, customer_id)
);
