-- Verify roomly:bookings_search_index on pg

BEGIN;

SELECT search_note FROM bookings WHERE FALSE;

ROLLBACK;
