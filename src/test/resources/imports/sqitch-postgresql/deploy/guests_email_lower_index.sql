-- Deploy roomly:guests_email_lower_index to pg
-- requires: guests

BEGIN;

CREATE UNIQUE INDEX guests_email_lower ON guests (lower(email));

COMMIT;
