-- Revert invoicer:invoice_lines from mysql

BEGIN;

DROP TABLE invoice_lines;

COMMIT;
