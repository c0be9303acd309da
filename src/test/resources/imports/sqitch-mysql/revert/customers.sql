-- Revert invoicer:customers from mysql

BEGIN;

DROP TABLE customers;

COMMIT;
