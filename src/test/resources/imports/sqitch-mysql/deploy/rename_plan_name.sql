-- Deploy invoicer:rename_plan_name to mysql
-- requires: seed_plans

BEGIN;

ALTER TABLE plans RENAME COLUMN name TO display_name;

COMMIT;
