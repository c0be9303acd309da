CREATE VIEW order_summary AS
SELECT o.id          AS order_id,
       c.full_name   AS customer,
       o.status,
       o.channel,
       o.total_cents,
       count(l.product_id) AS lines
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  LEFT JOIN order_lines l ON l.order_id = o.id
 GROUP BY o.id, c.full_name;
