-- The starter catalogue, and the order the staging smoke test reads back after each deploy.
INSERT INTO products (sku, name, price_cents) VALUES
    ('MUG-001', 'Enamel camp mug',     1450),
    ('TOTE-01', 'Canvas tote bag',     1900),
    ('CAP-BLU', 'Blue cotton cap',     2200),
    ('SOCK-3P', 'Wool socks, 3 pairs', 2600);

INSERT INTO customers (email, display_name, legacy_crm_id)
VALUES ('Smoke.Test@shop.example', 'Smoke Test', 'CRM-0001');

INSERT INTO orders (customer_id, status, placed_at, shipping_street, shipping_city, shipping_postcode)
SELECT id, 'placed', TIMESTAMPTZ '2025-02-01 10:00:00+00', '12 Test Road', 'Bristol', 'BS1 5TT'
  FROM customers WHERE email = 'Smoke.Test@shop.example';

INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents)
SELECT o.id, p.id, 2, p.price_cents
  FROM orders o, products p
 WHERE p.sku = 'MUG-001'
   AND o.customer_id = (SELECT id FROM customers WHERE email = 'Smoke.Test@shop.example');
