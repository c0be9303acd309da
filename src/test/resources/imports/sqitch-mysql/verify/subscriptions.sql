-- Verify invoicer:subscriptions on mysql

BEGIN;

SELECT id, customer_id, plan_code, status, started_on, ended_on
  FROM subscriptions
 WHERE 0;

ROLLBACK;
