-- Revert invoicer:subscriptions from mysql

BEGIN;

DROP TABLE subscriptions;

COMMIT;
