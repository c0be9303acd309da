-- Deploy invoicer:customers_country_index to mysql
-- requires: customers

BEGIN;

CREATE INDEX customers_by_country ON customers (country);

COMMIT;
