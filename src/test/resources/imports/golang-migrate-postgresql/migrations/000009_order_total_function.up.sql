CREATE OR REPLACE FUNCTION recalc_order_total(p_order_id BIGINT) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    v_total INTEGER;
BEGIN
    SELECT COALESCE(SUM(quantity * unit_price_cents), 0) INTO v_total
      FROM order_lines WHERE order_id = p_order_id;
    UPDATE orders SET total_cents = v_total WHERE id = p_order_id;
    RETURN v_total;
END;
$$;

SELECT recalc_order_total(id) FROM orders;
