ALTER TABLE orders DROP COLUMN IF EXISTS cancelled_reason;
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('cart', 'placed', 'paid', 'shipped'));
