-- Verify invoicer:invoices_due_date on mysql

BEGIN;

SELECT due_on FROM invoices WHERE 0;

ROLLBACK;
