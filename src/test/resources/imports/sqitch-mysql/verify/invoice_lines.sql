-- Verify invoicer:invoice_lines on mysql

BEGIN;

SELECT id, invoice_id, description, quantity, unit_cents
  FROM invoice_lines
 WHERE 0;

ROLLBACK;
