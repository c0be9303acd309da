-- Revert invoicer:invoices from mysql

BEGIN;

DROP TABLE invoices;

COMMIT;
