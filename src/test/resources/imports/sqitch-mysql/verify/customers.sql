-- Verify invoicer:customers on mysql

BEGIN;

SELECT id, email, name, country, created_at
  FROM customers
 WHERE 0;

ROLLBACK;
