ALTER TABLE customers ADD COLUMN legacy_ref VARCHAR(20) DEFAULT '' AFTER created_at;
