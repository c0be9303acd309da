-- Revert invoicer:customers_country_index from mysql

BEGIN;

-- XXX Add DDLs here.

COMMIT;
