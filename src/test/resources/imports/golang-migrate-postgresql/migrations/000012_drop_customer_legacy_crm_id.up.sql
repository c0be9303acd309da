-- The old CRM is gone; the column only held its ids.
ALTER TABLE customers DROP COLUMN legacy_crm_id;
