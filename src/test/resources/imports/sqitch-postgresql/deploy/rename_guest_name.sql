-- Deploy roomly:rename_guest_name to pg
-- requires: guests
-- requires: booking_summary

BEGIN;

ALTER TABLE guests RENAME COLUMN full_name TO display_name;

COMMIT;
