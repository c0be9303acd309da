-- Our own account, billed for the internal test subscription.
INSERT INTO customers (company_name, contact_email, country_code, billing_street, billing_city, billing_postcode)
VALUES ('Ledgerline Ltd (house account)', 'billing@ledgerline.example', 'GB', '5 Mill Lane', 'Leeds', 'LS1 4AB');

INSERT INTO subscriptions (customer_id, plan_code, state, started_on)
SELECT id, 'team-y', 'active', '2025-01-01' FROM customers WHERE contact_email = 'billing@ledgerline.example';

INSERT INTO invoices (subscription_id, issued_on, due_on, amount_cents)
SELECT s.id, '2025-01-01', '2025-01-31', 49000
  FROM subscriptions s JOIN customers c ON c.id = s.customer_id
 WHERE c.contact_email = 'billing@ledgerline.example';
