-- Revert invoicer:monthly_revenue from mysql

BEGIN;

DROP VIEW monthly_revenue;

COMMIT;
