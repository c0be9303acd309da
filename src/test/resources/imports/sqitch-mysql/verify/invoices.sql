-- Verify invoicer:invoices on mysql

BEGIN;

SELECT id, subscription_id, number, issued_on, total_cents, status
  FROM invoices
 WHERE 0;

ROLLBACK;
