-- Deploy roomly:drop_booking_source to pg
-- requires: bookings

BEGIN;

ALTER TABLE bookings DROP COLUMN source;

COMMIT;
