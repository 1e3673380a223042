-- A coupon code applied to an order (issue #5): the discount is taken off the lines' subtotal, so
-- total = subtotal - discount. The code is checked and used by the DiscountProvider (marketing).
ALTER TABLE orders ADD COLUMN coupon_code TEXT;
ALTER TABLE orders ADD COLUMN discount NUMERIC(18,2) NOT NULL DEFAULT 0 CHECK (discount >= 0);
