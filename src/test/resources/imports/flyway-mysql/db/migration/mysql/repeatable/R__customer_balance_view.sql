-- Support looks up what a customer owes in this view.
CREATE OR REPLACE VIEW customer_balances AS
SELECT c.id                          AS customer_id,
       c.company_name,
       COUNT(i.id)                   AS open_invoices,
       COALESCE(SUM(i.amount_cents), 0) AS open_amount_cents
  FROM customers c
  LEFT JOIN subscriptions s ON s.customer_id = c.id
  LEFT JOIN invoices i      ON i.subscription_id = s.id AND i.paid_at IS NULL
 GROUP BY c.id, c.company_name;
