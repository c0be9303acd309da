ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('cart', 'placed', 'paid', 'shipped', 'cancelled'));
ALTER TABLE orders ADD COLUMN cancelled_reason TEXT;
