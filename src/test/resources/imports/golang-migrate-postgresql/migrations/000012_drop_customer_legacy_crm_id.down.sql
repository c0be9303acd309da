ALTER TABLE customers ADD COLUMN legacy_crm_id TEXT DEFAULT '';

UPDATE customers SET legacy_crm_id = 'CRM-0001' WHERE lower(email) = 'smoke.test@shop.example';
