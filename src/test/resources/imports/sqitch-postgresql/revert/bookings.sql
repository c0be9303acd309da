-- Revert roomly:bookings from pg

BEGIN;

DROP TABLE bookings;

COMMIT;
