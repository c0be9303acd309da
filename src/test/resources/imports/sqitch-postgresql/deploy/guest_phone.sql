-- Deploy roomly:guest_phone to pg
-- requires: guests

BEGIN;

ALTER TABLE guests ADD COLUMN phone varchar(32);

COMMIT;
