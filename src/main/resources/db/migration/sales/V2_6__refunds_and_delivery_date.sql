-- Refunds (售后) are negative payments against one order line; normal payments stay positive (checked in code too).
ALTER TABLE payments DROP CONSTRAINT payments_amount_check;
ALTER TABLE payments ADD CONSTRAINT payments_amount_not_zero CHECK (amount <> 0);
ALTER TABLE payments ADD COLUMN order_line_id BIGINT REFERENCES order_lines (id);
ALTER TABLE payments ADD CONSTRAINT refund_names_its_line CHECK (amount > 0 OR order_line_id IS NOT NULL);
CREATE INDEX payments_refunded_line_idx ON payments (order_line_id) WHERE order_line_id IS NOT NULL;

-- The day goods arrived: the no-reason return window (七天无理由) counts from it.
ALTER TABLE orders ADD COLUMN delivered_on DATE;
