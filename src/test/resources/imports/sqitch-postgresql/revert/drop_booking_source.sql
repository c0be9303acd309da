-- Revert roomly:drop_booking_source from pg

BEGIN;

ALTER TABLE bookings ADD COLUMN source text DEFAULT 'web';

COMMIT;
