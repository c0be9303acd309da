-- Revert roomly:guest_phone from pg

BEGIN;

ALTER TABLE guests DROP COLUMN phone;

COMMIT;
