-- Revert roomly:bookings_search_index from pg

BEGIN;

ALTER TABLE bookings DROP COLUMN search_note;

COMMIT;
