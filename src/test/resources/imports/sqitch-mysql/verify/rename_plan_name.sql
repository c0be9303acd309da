-- Verify invoicer:rename_plan_name on mysql

BEGIN;

SELECT code, display_name, monthly_cents FROM plans WHERE 0;

ROLLBACK;
