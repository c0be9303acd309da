-- Verify invoicer:monthly_revenue on mysql

BEGIN;

SELECT month, plan_code, invoices, revenue_cents
  FROM monthly_revenue
 WHERE 0;

ROLLBACK;
