-- Deploy invoicer:monthly_revenue to mysql
-- requires: invoices
-- requires: subscriptions

BEGIN;

CREATE VIEW monthly_revenue AS
SELECT DATE_FORMAT(i.issued_on, '%Y-%m') AS month,
       s.plan_code,
       COUNT(*)                          AS invoices,
       SUM(i.total_cents)                AS revenue_cents
  FROM invoices i
  JOIN subscriptions s ON s.id = i.subscription_id
 WHERE i.status IN ('issued', 'paid')
 GROUP BY DATE_FORMAT(i.issued_on, '%Y-%m'), s.plan_code;

COMMIT;
