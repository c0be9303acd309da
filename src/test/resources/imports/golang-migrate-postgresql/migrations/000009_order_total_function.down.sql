DROP FUNCTION IF EXISTS recalc_order_total(BIGINT);

UPDATE orders SET total_cents = 0;
