-- Revert invoicer:plans from mysql

BEGIN;

DROP TABLE plans;

COMMIT;
