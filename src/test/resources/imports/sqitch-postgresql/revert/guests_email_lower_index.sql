-- Revert roomly:guests_email_lower_index from pg

BEGIN;

-- XXX Add DDLs here.

COMMIT;
