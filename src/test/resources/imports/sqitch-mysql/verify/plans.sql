-- Verify invoicer:plans on mysql

BEGIN;

SELECT code, monthly_cents FROM plans WHERE 0;

ROLLBACK;
