-- Revert invoicer:seed_plans from mysql

BEGIN;

DELETE FROM plans WHERE code IN ('starter', 'team', 'business');

COMMIT;
