-- 000013 may have lower-cased the address since.
DELETE FROM orders
 WHERE customer_id IN (SELECT id FROM customers WHERE lower(email) = 'smoke.test@shop.example');
DELETE FROM customers WHERE lower(email) = 'smoke.test@shop.example';
DELETE FROM products WHERE sku IN ('MUG-001', 'TOTE-01', 'CAP-BLU', 'SOCK-3P');
