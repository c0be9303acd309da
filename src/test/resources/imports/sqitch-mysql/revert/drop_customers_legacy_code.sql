-- Revert invoicer:drop_customers_legacy_code from mysql

BEGIN;

ALTER TABLE customers ADD COLUMN legacy_code VARCHAR(16) DEFAULT '' AFTER email;

COMMIT;
