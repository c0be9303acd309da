CREATE OR REPLACE VIEW order_totals AS
SELECT o.id AS order_id,
       o.customer_id,
       o.status,
       COALESCE(SUM(l.quantity * l.unit_price_cents), 0) AS total_cents
  FROM orders o
  LEFT JOIN order_lines l ON l.order_id = o.id
 GROUP BY o.id, o.customer_id, o.status;
