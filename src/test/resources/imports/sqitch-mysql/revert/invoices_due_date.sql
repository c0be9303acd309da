-- Revert invoicer:invoices_due_date from mysql

BEGIN;

ALTER TABLE invoices DROP COLUMN due_on;

COMMIT;
