-- Deploy roomly:bookings_search_index to pg
-- requires: bookings

BEGIN;

ALTER TABLE bookings ADD COLUMN search_note text;

CREATE INDEX bookings_guest_starts ON bookings (guest_id, starts_at);

COMMIT;
