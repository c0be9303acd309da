-- Deploy invoicer:drop_customers_legacy_code to mysql
-- requires: customers

BEGIN;

ALTER TABLE customers DROP COLUMN legacy_code;

COMMIT;
