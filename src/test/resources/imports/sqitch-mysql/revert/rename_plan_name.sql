-- Revert invoicer:rename_plan_name from mysql

BEGIN;

ALTER TABLE plans RENAME COLUMN display_name TO name;

COMMIT;
