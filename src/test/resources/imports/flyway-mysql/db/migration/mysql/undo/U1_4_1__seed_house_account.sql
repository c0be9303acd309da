DELETE i FROM invoices i
  JOIN subscriptions s ON s.id = i.subscription_id
  JOIN customers c ON c.id = s.customer_id
 WHERE c.contact_email = 'billing@ledgerline.example';
DELETE s FROM subscriptions s
  JOIN customers c ON c.id = s.customer_id
 WHERE c.contact_email = 'billing@ledgerline.example';
DELETE FROM customers WHERE contact_email = 'billing@ledgerline.example';
