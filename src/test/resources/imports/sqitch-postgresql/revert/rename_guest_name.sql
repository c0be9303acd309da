-- Revert roomly:rename_guest_name from pg

BEGIN;

ALTER TABLE guests RENAME COLUMN display_name TO full_name;

COMMIT;
