-- Revert invoicer:recalc_invoice_total from mysql

BEGIN;

DROP PROCEDURE recalc_invoice_total;

COMMIT;
